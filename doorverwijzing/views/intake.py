"""'Stel je vraag': the family's public form and the contact point's intake inbox.

Thin: load through a selector, validate a form, call one service. The question's data
never goes into a URL, a log line or a task.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanbod.selectors import offer_link_public
from huisvanhetkind import permissions
from huisvanhetkind.antispam import public_form_submit
from huisvanhetkind.domain_errors import errors_on, messages_on
from partners import selectors as network_selectors

from .. import selectors, services
from ..choices import OPEN_INTAKE_STATUSES
from ..forms_intake import IntakeForm, IntakeReferralForm
from ..intake_filters import IntakeInboxFilterSet
from ..intake_sources import SOURCE_PARAMETER, intake_source_for

INTAKE_RATE_LIMIT = 5  # questions per client address …
INTAKE_RATE_WINDOW_SECONDS = 60 * 60  # … per hour


def _network_for(request):
    slug = request.GET.get("netwerk", "")
    if slug:
        return network_selectors.network_get_public(slug=slug)
    return network_selectors.network_default()


def intake_new(request):
    network = _network_for(request)
    request.network = network
    accepts_questions = network is not None and network.organiser_id is not None
    form = IntakeForm(request.POST or None, initial={"language": get_language()})
    # "Stel je vraag" under an offer names it; the page says so and the question keeps it.
    offer = offer_link_public(pk=request.POST.get("offer") or request.GET.get("offer"))
    status = 200
    if request.method == "POST" and accepts_questions:
        submission = public_form_submit(
            request,
            form,
            scope="intake",
            limit=INTAKE_RATE_LIMIT,
            window_seconds=INTAKE_RATE_WINDOW_SECONDS,
            spam=_("We could not send your question. Please call or e-mail us."),
            too_many=_(
                "You have sent several questions in a short time. "
                "Please try again in an hour, or call or e-mail us."
            ),
            submit=lambda: services.intake_create(
                network=network,
                offer=offer,
                source=intake_source_for(
                    requested=request.GET.get(SOURCE_PARAMETER, ""), offer=offer
                ),
                **form.details(),
            ),
        )
        if submission.done:
            url = reverse("doorverwijzing:intake_thanks")
            return redirect(f"{url}?{urlencode({'netwerk': network.slug})}")
        status = submission.status
    return render(
        request,
        "doorverwijzing/intake_form.html",
        {
            "form": form,
            "offer": offer,
            "accepts_questions": accepts_questions,
            "retention_days": settings.INTAKE_RETENTION_DAYS,
        },
        status=status,
    )


def intake_thanks(request):
    network = request.network = _network_for(request)
    # Said at once, not after days of waiting: nobody at the contact point can read it.
    nobody_reads = (
        network is None
        or not network_selectors.network_contact_point_readers(network=network).exists()
    )
    return render(request, "doorverwijzing/intake_thanks.html", {"nobody_reads": nobody_reads})


# --- The contact point's inbox -------------------------------------------------------


@login_required
def intake_inbox(request):
    if not permissions.can(request.user, "intake.handle"):
        raise PermissionDenied
    filterset = IntakeInboxFilterSet(
        request.GET, queryset=selectors.intake_inbox(user=request.user)
    )
    paginator = Paginator(filterset.qs, selectors.INTAKE_INBOX_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "doorverwijzing/intake_inbox.html",
        {"page": page, "filterset": filterset},
    )


@login_required
def intake_detail(request, pk: int):
    intake = selectors.intake_open_for_user(user=request.user, pk=pk)
    return render(
        request,
        "doorverwijzing/intake_detail.html",
        {
            "intake": intake,
            "is_open": intake.status in OPEN_INTAKE_STATUSES and not intake.erased_at,
        },
    )


@login_required
def intake_access_log(request, pk: int):
    """Who read or changed the question; the page shows none of the family's data."""
    intake = selectors.intake_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "doorverwijzing/intake_access_log.html",
        {"intake": intake, "entries": selectors.intake_access_log(intake=intake)},
    )


def _act(request, pk: int, step):
    intake = selectors.intake_get_for_user(user=request.user, pk=pk)
    with messages_on(request, done=_("Saved.")):
        step(intake=intake, actor=request.user)
    return redirect("doorverwijzing:intake_detail", pk=intake.pk)


@login_required
@require_POST
def intake_take_in_hand(request, pk: int):
    return _act(request, pk, services.intake_take_in_hand)


@login_required
@require_POST
def intake_close(request, pk: int):
    return _act(request, pk, services.intake_close)


@login_required
def intake_convert(request, pk: int):
    """Turn the question into a referral: the form is prefilled on the server, never via the URL."""
    intake = selectors.intake_open_for_user(user=request.user, pk=pk)
    if intake.status not in OPEN_INTAKE_STATUSES or intake.erased_at:
        messages.error(request, _("This question is already handled."))
        return redirect("doorverwijzing:intake_detail", pk=intake.pk)
    form = IntakeReferralForm(
        request.POST or None,
        initial=IntakeReferralForm.initial_from(intake),
        receiving=selectors.receiving_organisations_for(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        with errors_on(form):
            referral = services.intake_convert_to_referral(
                intake=intake,
                actor=request.user,
                receiving_organisation=form.cleaned_data["receiving_organisation"],
                consent=form.consent(),
                **form.details(),
            )
        if form.is_valid():
            messages.success(request, _("Referral %(ref)s is sent.") % {"ref": referral})
            return redirect(referral)
    return render(
        request,
        "doorverwijzing/intake_convert.html",
        {
            "intake": intake,
            "form": form,
            "not_receiving": selectors.organisations_not_receiving_for(user=request.user),
        },
    )
