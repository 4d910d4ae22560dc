"""Registration pages: the family's (no account) and the partner's (on a phone).

Thin views: a selector loads, a form checks, one service writes, a domain error becomes a
message. Every page works without JavaScript.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from huisvanhetkind import permissions
from huisvanhetkind.antispam import public_form_submit
from huisvanhetkind.domain_errors import errors_on, messages_on

from . import selectors, services
from .choices import RegistrationStatus as Status
from .exceptions import RegistrationFullError
from .forms import (
    DeskRegistrationForm,
    RegistrationChangeForm,
    RegistrationForm,
    RegistrationListForm,
)

REGISTRATION_RATE_LIMIT = 10  # registrations per client address …
REGISTRATION_RATE_WINDOW_SECONDS = 60 * 60  # … per hour


# --- The family -------------------------------------------------------------------------


def register(request, pk: int):
    registration_list = selectors.registration_list_public(pk=pk)
    offer = registration_list.offer
    form = RegistrationForm(request.POST or None, registration_list=registration_list)
    status = 200
    context = {"form": form, "registration_list": registration_list, "offer": offer}
    if request.method == "POST":
        submission = public_form_submit(
            request,
            form,
            scope="registration",
            limit=REGISTRATION_RATE_LIMIT,
            window_seconds=REGISTRATION_RATE_WINDOW_SECONDS,
            spam=_("We could not register you. Please call or e-mail us."),
            too_many=_("You have registered several times in a short time. Try again in an hour."),
            submit=lambda: services.registration_create(
                registration_list_id=registration_list.pk,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                children_by_band=form.children_by_band(),
                note=form.cleaned_data.get("note", ""),
                language=get_language(),
            ),
        )
        if isinstance(submission.error, RegistrationFullError):
            # Full without a waiting list: not a form to correct, but other places to go.
            return render(
                request,
                "inschrijving/full.html",
                {**context, "similar": selectors.similar_offers(offer=offer)},
            )
        if submission.done:
            result = submission.result
            if not result.created:
                return _already_registered(request, result.registration, context)
            token = services.registration_link_token(result.registration)
            url = reverse("inschrijving:registration_manage", kwargs={"token": token})
            return redirect(f"{url}?nieuw=1")
        status = submission.status
    else:
        context["closed"] = services.registration_closed(registration_list, now=timezone.now())
        context["full"] = _is_full(registration_list)
    return render(request, "inschrijving/register.html", context, status=status)


def _is_full(registration_list) -> bool:
    taken = registration_list.registrations.filter(status__in=[Status.REGISTERED, Status.OFFERED])
    return taken.count() >= registration_list.capacity


def _already_registered(request, registration, context):
    if registration.email:
        # The link by mail, never on screen: someone who only knows the address cannot
        # take over the registration (nor switch the family's link off).
        services.registration_link_resend(registration=registration)
    return render(
        request,
        "inschrijving/already.html",
        {**context, "by_mail": bool(registration.email)},
    )


def _registration_or_404(token: str):
    registration = services.registration_from_token(token)
    if registration is None:
        raise Http404
    return registration


def registration_manage(request, token: str):
    registration = _registration_or_404(token)
    context = {
        "registration": registration,
        "offer": registration.registration_list.offer,
        "registration_list": registration.registration_list,
        "token": token,
        "link": request.build_absolute_uri(),
        "is_new": request.GET.get("nieuw") == "1",
        "position": services.waitlist_position(registration)
        if registration.status == Status.WAITLISTED
        else None,
        "change_form": RegistrationChangeForm(registration=registration)
        if registration.status in (Status.REGISTERED, Status.WAITLISTED, Status.OFFERED)
        else None,
    }
    response = render(request, "inschrijving/manage.html", context)
    # The address is the key: never cached. (The site's "same-origin" referrer policy keeps
    # it from other sites; "no-referrer" would make the browser send Origin: null with the
    # page's own forms, which the CSRF check refuses.)
    response["Cache-Control"] = "no-store"
    return response


def _manage_redirect(token: str):
    return redirect("inschrijving:registration_manage", token=token)


@require_POST
def registration_cancel(request, token: str):
    registration = _registration_or_404(token)
    with messages_on(request, done=_("Your registration is cancelled. Thank you for telling us.")):
        services.registration_cancel(registration=registration)
    return _manage_redirect(token)


@require_POST
def registration_change(request, token: str):
    registration = _registration_or_404(token)
    form = RegistrationChangeForm(request.POST, registration=registration)
    if form.is_valid():
        with messages_on(request, done=_("Your changes are saved.")):
            services.registration_change(
                registration=registration,
                name=form.cleaned_data["name"],
                children_by_band=form.children_by_band(),
                note=form.cleaned_data.get("note", ""),
            )
    else:
        messages.error(request, _("Check what you filled in: a name, and at least 1 child."))
    return _manage_redirect(token)


@require_POST
def seat_answer(request, token: str):
    registration = _registration_or_404(token)
    if request.POST.get("answer") == "yes":
        with messages_on(request, done=_("The place is yours. See you there!")):
            services.seat_claim(registration=registration)
    else:
        with messages_on(request, done=_("Thank you. The place goes to the next family.")):
            services.seat_decline(registration=registration)
    return _manage_redirect(token)


# --- The partner ------------------------------------------------------------------------


def _require_manager(user) -> None:
    if not permissions.can(user, "registration.manage"):
        raise PermissionDenied


@never_cache
@login_required
def list_index(request):
    _require_manager(request.user)
    now = timezone.now()
    lists = selectors.registration_lists_for_user(user=request.user, now=now)
    return render(request, "inschrijving/partner/index.html", {"lists": lists, "now": now})


@never_cache
@login_required
def list_new(request, offer_pk: int):
    _require_manager(request.user)
    from aanbod.models import Offer

    offer = (
        permissions.scope(request.user, Offer, "registration.manage").filter(pk=offer_pk).first()
    )
    if offer is None:
        raise Http404
    form = RegistrationListForm(request.POST or None, offer=offer, now=timezone.now())
    if request.method == "POST" and form.is_valid():
        with errors_on(form):
            registration_list = services.registration_list_open(
                offer=offer, actor=request.user, **form.cleaned_data
            )
        if form.is_valid():
            messages.success(request, _("Families can now register online."))
            return redirect("inschrijving:list_detail", pk=registration_list.pk)
    return render(request, "inschrijving/partner/new.html", {"form": form, "offer": offer})


def _chosen_occurrence(registration_list, value):
    occurrences = services._list_occurrences(registration_list)
    for occurrence in occurrences:
        if str(occurrence.pk) == str(value):
            return occurrence, occurrences
    # Default: today's date, else the next one, else the last.
    now = timezone.now()
    upcoming = [o for o in occurrences if o.ends_at >= now - dt.timedelta(hours=12)]
    return (upcoming[0] if upcoming else (occurrences[-1] if occurrences else None)), occurrences


@never_cache
@login_required
def list_detail(request, pk: int):
    _require_manager(request.user)
    registration_list = selectors.registration_list_for_user(user=request.user, pk=pk)
    occurrence, occurrences = _chosen_occurrence(registration_list, request.GET.get("datum"))
    registrations = list(
        registration_list.registrations.exclude(
            status__in=[Status.CANCELLED, Status.DECLINED, Status.EXPIRED]
        )
        .prefetch_related("attendances")
        .order_by("status", "id")
    )
    present = {
        a.registration_id
        for r in registrations
        for a in r.attendances.all()
        if occurrence and a.occurrence_id == occurrence.pk and a.present
    }
    return render(
        request,
        "inschrijving/partner/detail.html",
        {
            "registration_list": registration_list,
            "registrations": registrations,
            "occurrence": occurrence,
            "occurrences": occurrences,
            "present": present,
            "desk_form": DeskRegistrationForm(registration_list=registration_list),
        },
    )


@never_cache
@login_required
@require_POST
def list_desk(request, pk: int):
    _require_manager(request.user)
    registration_list = selectors.registration_list_for_user(user=request.user, pk=pk)
    form = DeskRegistrationForm(request.POST, registration_list=registration_list)
    if form.is_valid():
        with messages_on(request) as outcome:
            result = services.registration_create(
                registration_list_id=registration_list.pk,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                children_by_band=form.children_by_band(),
                language=get_language(),
                actor=request.user,
            )
        if not outcome.failed:
            registration = result.registration
            if not result.created:
                messages.info(request, _("This family was already on the list."))
            elif registration.status == Status.WAITLISTED:
                messages.success(
                    request,
                    _("Put on the waiting list (code %(code)s).")
                    % {"code": registration.reference},
                )
            else:
                messages.success(
                    request, _("Registered (code %(code)s).") % {"code": registration.reference}
                )
    else:
        messages.error(
            request, _("Fill in a name, a phone number or e-mail address, and the children.")
        )
    return redirect("inschrijving:list_detail", pk=pk)


@never_cache
@login_required
@require_POST
def list_seat_answer(request, pk: int, registration_pk: int):
    """The keeper called a family without e-mail and passes on their answer to the offer."""
    _require_manager(request.user)
    registration_list = selectors.registration_list_for_user(user=request.user, pk=pk)
    registration = get_object_or_404(registration_list.registrations, pk=registration_pk)
    if request.POST.get("answer") == "yes":
        done = _("The family has the place (code %(code)s).") % {"code": registration.reference}
        with messages_on(request, done=done):
            services.seat_claim(registration=registration, actor=request.user)
    else:
        with messages_on(request, done=_("The place goes to the next family.")):
            services.seat_decline(registration=registration, actor=request.user)
    return redirect("inschrijving:list_detail", pk=pk)


@never_cache
@login_required
@require_POST
def list_attendance(request, pk: int):
    _require_manager(request.user)
    registration_list = selectors.registration_list_for_user(user=request.user, pk=pk)
    occurrence, _occurrences = _chosen_occurrence(registration_list, request.POST.get("datum"))
    if occurrence is None:
        raise Http404
    present = {int(value) for value in request.POST.getlist("present") if value.isdigit()}
    with messages_on(request) as outcome:
        participation = services.attendance_record(
            registration_list=registration_list,
            occurrence=occurrence,
            present_ids=present,
            actor=request.user,
        )
    if not outcome.failed:
        messages.success(
            request,
            _(
                "Saved: %(families)s families and %(children)s children came. "
                "These are the participation figures of this date."
            )
            % {"families": participation.families, "children": participation.children},
        )
    url = reverse("inschrijving:list_detail", kwargs={"pk": pk})
    return redirect(f"{url}?datum={occurrence.pk}")
