"""'Keep me posted' (double opt-in), the one-click unsubscribe, and calendar feeds."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from aanbod.choices import AgeGroup
from huisvanhetkind.antispam import public_form_submit
from partners.models import Municipality

from . import subscriptions
from .forms_subscriptions import SubscriptionForm

SUBSCRIBE_RATE_LIMIT = 5  # per client address …
SUBSCRIBE_RATE_WINDOW_SECONDS = 60 * 60  # … per hour


def subscribe(request):
    form = SubscriptionForm(request.POST or None, initial={"language": get_language()})
    status = 200
    if request.method == "POST":
        submission = public_form_submit(
            request,
            form,
            scope="subscribe",
            limit=SUBSCRIBE_RATE_LIMIT,
            window_seconds=SUBSCRIBE_RATE_WINDOW_SECONDS,
            spam=_("We could not save this. Please try again later."),
            too_many=_("Too many tries in a short time. Try again in an hour."),
            submit=lambda: subscriptions.subscription_create(
                email=form.cleaned_data["email"],
                language=form.cleaned_data["language"],
                municipality=form.cleaned_data["municipality"],
                birth_months=form.birth_months(),
            ),
        )
        if submission.done:
            return render(request, "inschrijving/subscribe_sent.html")
        status = submission.status
    return render(request, "inschrijving/subscribe.html", {"form": form}, status=status)


def confirm(request, token: str):
    subscription = subscriptions.subscription_from_token(token, "confirm")
    if subscription is None:
        raise Http404
    if request.method == "POST":
        subscriptions.subscription_confirm(subscription=subscription)
        return render(request, "inschrijving/subscribe_confirmed.html")
    # A button, not the click on the link alone: mail scanners open links too.
    return render(request, "inschrijving/subscribe_confirm.html", {"token": token})


@csrf_exempt  # RFC 8058: the mail app POSTs "List-Unsubscribe=One-Click" without our cookie
def unsubscribe(request, token: str):
    subscription = subscriptions.subscription_from_token(token, "unsubscribe")
    if request.method == "POST":
        if subscription is not None:
            subscriptions.subscription_unsubscribe(subscription=subscription)
        return render(request, "inschrijving/unsubscribed.html")
    if subscription is None:
        return render(request, "inschrijving/unsubscribed.html")
    return render(request, "inschrijving/unsubscribe.html", {"token": token})


def calendar_links(request):
    """'What's on for a 2-year-old in Berkhove': a calendar feed per age band and place."""
    municipalities = Municipality.objects.filter(networks__isnull=False).distinct()
    chosen = None
    value = request.GET.get("gemeente", "")
    if value.isdigit():
        chosen = municipalities.filter(pk=int(value)).first()
    bands = [(key, label) for key, label in AgeGroup.choices if key != AgeGroup.WISH_FOR_CHILD]
    return render(
        request,
        "inschrijving/calendar_links.html",
        {"municipalities": municipalities, "chosen": chosen, "bands": bands},
    )
