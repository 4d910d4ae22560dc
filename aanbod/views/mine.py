"""Mijn aanbod: partners keep their own offers up to date, coordinators review them.

Thin views: load through a selector (another organisation's offer is a 404), check a form,
call a service, turn a domain error into a message. Row actions work as plain POST forms;
with htmx the row is swapped in place and the message goes to the page's live region.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from huisvanhetkind import permissions
from huisvanhetkind.domain_errors import errors_on, messages_on, refused
from partners.selectors import network_for_request

from .. import selectors, services
from ..choices import Availability, OfferStatus
from ..forms import (
    TRANSLATED,
    AvailabilityForm,
    DatedActivityFormSet,
    OfferForm,
    OfferTranslationForm,
    ParticipationForm,
    SendBackForm,
    WeeklyTimeFormSet,
    dated_initial,
    formset_items,
    weekly_initial,
)
from ..mine_filters import MineFilterSet, ReviewFilterSet
from ..schedules import next_occurrences
from ..services import DATED_FIELDS, WEEKLY_FIELDS
from ..ways_to_act import offer_ways_to_act


def _require_editor(user) -> None:
    if not permissions.can(user, "offer.edit"):
        raise PermissionDenied


def _require_reviewer(user) -> None:
    if not permissions.can(user, "offer.review"):
        raise PermissionDenied


def _editable_offer(request, pk: int):
    """403 for people who edit no offers at all; 404 for an offer that is not theirs."""
    _require_editor(request.user)
    return selectors.offer_get_for_editor(user=request.user, pk=pk)


def _back_to_list(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("aanbod:mine")


@login_required
def mine(request):
    _require_editor(request.user)
    filterset = MineFilterSet(
        request.GET, queryset=selectors.offer_list_for_editor(user=request.user)
    )
    status = filterset.chosen_status()
    page = Paginator(filterset.qs, selectors.MINE_PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(
        request,
        "aanbod/mine/list.html",
        {
            "page": page,
            "confirm_due": sum(offer.needs_confirmation(today) for offer in page),
            "status": status,
            "statuses": OfferStatus.choices,
            "today": timezone.localdate(),
            "can_review": permissions.can(request.user, "offer.review"),
            "availabilities": Availability.choices,
        },
    )


# --- Create and edit -------------------------------------------------------------------


# The services name the model's fields; the forms show some of them under another name.
FORM_FIELD_FOR = {f"{name}_nl": name for name in TRANSLATED} | {
    "age_months": "age_to",
    "slug": "title",
}


def _offer_page(request, *, offer=None):
    organisations = selectors.organisations_for_editor(user=request.user)
    if offer is None:
        locations = selectors.locations_for_editor(user=request.user)
    else:
        locations = selectors.locations_for_organisation(offer.organisation)
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = OfferForm(data, files, organisations=organisations, locations=locations, offer=offer)
    weekly = WeeklyTimeFormSet(
        data,
        prefix="weekly",
        initial=weekly_initial(offer) if offer else None,
        form_kwargs={"locations": locations},
    )
    upcoming = selectors.upcoming_occurrences(offer=offer) if offer else []
    dated = DatedActivityFormSet(
        data,
        prefix="dated",
        initial=dated_initial(upcoming),
        form_kwargs={"locations": locations},
    )
    if data is not None and all([form.is_valid(), weekly.is_valid(), dated.is_valid()]):
        saved = _save_offer(request, form, weekly, dated, offer)
        if saved is not None:
            if saved.status == OfferStatus.PUBLISHED:
                messages.success(request, _("Saved. Parents see the change now."))
            else:
                messages.success(
                    request,
                    _("Saved as a draft. Look at the preview, then send it for review."),
                )
            return redirect("aanbod:mine")
    return render(
        request,
        "aanbod/mine/form.html",
        {"form": form, "weekly": weekly, "dated": dated, "offer": offer},
    )


def _save_offer(request, form, weekly, dated, offer):
    with errors_on(form, field_names=FORM_FIELD_FOR):
        return services.offer_save_with_schedule(
            actor=request.user,
            offer=offer,
            organisation=form.cleaned_data.get("organisation"),  # only asked for a new offer
            locations=list(form.cleaned_data["locations"]),
            weekly=formset_items(weekly, WEEKLY_FIELDS),
            dated=formset_items(dated, DATED_FIELDS),
            **form.offer_fields(),
        )
    return None


@login_required
def mine_new(request):
    _require_editor(request.user)
    return _offer_page(request)


@login_required
def mine_edit(request, pk: int):
    offer = _editable_offer(request, pk)
    if offer.status == OfferStatus.ARCHIVED:
        messages.error(
            request, _("An archived offer cannot be changed. Make a copy to use it again.")
        )
        return redirect("aanbod:mine")
    return _offer_page(request, offer=offer)


def _translation_languages() -> list[tuple[str, str]]:
    return [(code, name) for code, name in settings.LANGUAGES if code != "nl"]


@login_required
def mine_translations(request, pk: int):
    """The offer's texts in one other language (a tab per language), the Dutch beside."""
    offer = _editable_offer(request, pk)
    languages = _translation_languages()
    codes = [code for code, _name in languages]
    language = request.POST.get("language") or request.GET.get("taal", "")
    language = language if language in codes else (codes[0] if codes else "")
    if not language:
        raise Http404
    form = OfferTranslationForm(request.POST or None, offer=offer, language=language)
    if request.method == "POST" and form.is_valid():
        with errors_on(form, field_names=FORM_FIELD_FOR):
            services.offer_update(offer=offer, actor=request.user, **form.offer_fields())
        if form.is_valid():
            messages.success(request, _("Translation saved."))
            url = reverse("aanbod:mine_translations", kwargs={"pk": offer.pk})
            return redirect(f"{url}?taal={language}")
    return render(
        request,
        "aanbod/mine/translations.html",
        {"offer": offer, "form": form, "language": language, "languages": languages},
    )


@login_required
def mine_preview(request, pk: int):
    """The public offer page for an offer that may not be public yet, for its editors only."""
    _require_editor(request.user)
    now = timezone.now()
    offer = selectors.offer_get_for_preview(user=request.user, pk=pk, now=now)
    request.network = getattr(request, "network", None) or next(iter(offer.networks.all()), None)
    return render(
        request,
        "aanbod/mine/preview.html",
        {
            "offer": offer,
            "dates": next_occurrences(offer, after=now, limit=6, include_cancelled=True),
            "ways_to_act": offer_ways_to_act(offer, network_for_request(request)),
            "office_days": offer.organisation.zitdagen.all(),
            "preview": True,
        },
    )


# --- One-click actions on a row --------------------------------------------------------


def _row_response(request, offer, message: str, *, error: bool = False):
    """htmx: the fresh row plus the message for the live region. Else: back to the list."""
    if request.htmx:
        offer = selectors.offer_get_for_editor(user=request.user, pk=offer.pk)
        return render(
            request,
            "aanbod/mine/_row_swap.html",
            {
                "offer": offer,
                "today": timezone.localdate(),
                "availabilities": Availability.choices,
                "message": message,
                "error": error,
                "next": request.POST.get("next", ""),
            },
        )
    (messages.error if error else messages.success)(request, message)
    return _back_to_list(request)


def _act(request, pk: int, service, done: str, **arguments):
    offer = _editable_offer(request, pk)
    with refused() as outcome:
        offer = service(offer=offer, actor=request.user, **arguments)
    if outcome.failed:
        return _row_response(request, offer, str(outcome.error), error=True)
    return _row_response(request, offer, done)


@login_required
@require_POST
def mine_submit(request, pk: int):
    return _act(
        request,
        pk,
        services.offer_submit_for_review,
        _("Sent for review. The coordinator looks at it soon."),
    )


@login_required
@require_POST
def mine_archive(request, pk: int):
    return _act(
        request, pk, services.offer_archive, _("Archived. Parents no longer find this offer.")
    )


@login_required
@require_POST
def mine_confirm(request, pk: int):
    return _act(
        request, pk, services.offer_confirm_still_right, _("Thank you: confirmed as still right.")
    )


@login_required
@require_POST
def mine_confirm_all(request):
    """ "Still right" for all the user's published offers at once."""
    _require_editor(request.user)
    count = services.offers_confirm_all_still_right(actor=request.user)
    messages.success(
        request,
        ngettext(
            "Thank you: %(count)d offer confirmed as still right.",
            "Thank you: %(count)d offers confirmed as still right.",
            count,
        )
        % {"count": count},
    )
    return redirect("aanbod:mine")


@login_required
@require_POST
def mine_availability(request, pk: int):
    offer = _editable_offer(request, pk)
    form = AvailabilityForm(request.POST)
    if not form.is_valid():
        return _row_response(request, offer, _("Choose one of the options."), error=True)
    return _act(
        request,
        pk,
        services.offer_set_availability,
        _("Places updated: %(availability)s.")
        % {"availability": Availability(form.cleaned_data["availability"]).label},
        availability=form.cleaned_data["availability"],
    )


@login_required
@require_POST
def mine_duplicate(request, pk: int):
    offer = _editable_offer(request, pk)
    copy = services.offer_duplicate(offer=offer, actor=request.user)
    messages.success(request, _("Copy made. Change what is different, then save."))
    return redirect("aanbod:mine_edit", pk=copy.pk)


@login_required
def mine_participation(request, pk: int):
    """After an activity: how many families and children took part, in one step."""
    offer = _editable_offer(request, pk)
    form = ParticipationForm(
        request.POST or None, occurrences=selectors.recent_occurrences(offer=offer)
    )
    if request.method == "POST" and form.is_valid():
        with errors_on(form, field_names=FORM_FIELD_FOR):
            services.participation_record(
                offer=offer,
                actor=request.user,
                date=form.cleaned_data["date"],
                occurrence=form.cleaned_data.get("occurrence"),
                families=form.cleaned_data["families"],
                children=form.cleaned_data["children"],
                children_by_age=form.children_by_age(),
            )
        if form.is_valid():
            messages.success(request, _("Thank you. The numbers are saved."))
            return redirect("aanbod:mine_participation", pk=offer.pk)
    return render(
        request,
        "aanbod/mine/participation.html",
        {
            "offer": offer,
            "form": form,
            "entries": selectors.participations_of_offer(offer=offer),
        },
    )


# --- The coordinator's review ----------------------------------------------------------


@login_required
def review_list(request):
    _require_reviewer(request.user)
    filters = ReviewFilterSet(
        request.GET or None,
        queryset=selectors.offers_in_review_for_user(user=request.user),
        user=request.user,
    )
    return render(
        request,
        "aanbod/mine/review.html",
        {"offers": list(filters.qs), "filters": filters},
    )


def _review_act(request, pk: int, service, done: str, **arguments):
    _require_reviewer(request.user)
    offer = selectors.offer_get_for_review(user=request.user, pk=pk)
    # The review list acts on many offers: a refusal says which one.
    with messages_on(request, done=done % {"title": offer.title}, about=str(offer)):
        service(offer=offer, actor=request.user, **arguments)
    return redirect(reverse("aanbod:review"))


@login_required
@require_POST
def review_approve(request, pk: int):
    return _review_act(
        request, pk, services.offer_approve, _("“%(title)s” is published. Parents find it now.")
    )


@login_required
@require_POST
def review_send_back(request, pk: int):
    form = SendBackForm(request.POST)
    remark = form.cleaned_data["remark"] if form.is_valid() else ""
    return _review_act(
        request,
        pk,
        services.offer_send_back,
        _("“%(title)s” is sent back to the partner with your remark."),
        remark=remark,
    )
