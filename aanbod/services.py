"""Every write to the catalogue: one function per change, checked against the offer's state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from huisvanhetkind import permissions
from huisvanhetkind.audit import ADDITION, audit_log
from huisvanhetkind.mail import mail_subject
from partners.choices import Role
from partners.models import Membership

from .choices import Availability, OfferStatus
from .exceptions import OfferStateError
from .models import (
    CONFIRM_EVERY_DAYS,
    PARTICIPATION_AGE_FIELDS,
    Occurrence,
    Offer,
    Participation,
    RecurringSchedule,
)
from .search.index import offer_reindex, reindex_deferred
from .selectors import locations_for_organisation
from .ways_to_act import REGISTRATION_WITHOUT_WAY, registration_without_way

# Fields a partner edits; status, review and derived search fields change only through the
# transitions below.
EDITABLE_FIELDS = frozenset(
    {
        "title", "summary", "description", "keywords", "pillars", "life_domains", "audience",
        "target_groups", "age_months", "for_wish_for_child", "access_type", "how_to_join",
        "referral_note", "cost", "price_text", "kansentarief", "languages", "phone", "email",
        "url", "contact_person", "availability", "accessibility_notes", "image", "image_alt",
        "funding_source", "funding_ends", "slug",
    }
)  # fmt: skip
TRANSLATED_PREFIXES = ("title_", "summary_", "description_", "how_to_join_", "referral_note_")
# What offer_schedule_save (and offer_duplicate) write of weekly times and dated activities.
WEEKLY_FIELDS = ("weekday", "starts", "ends", "week_of_month", "school_weeks_only", "location")
# A weekly time's period, written only when an item names it: Mijn aanbod does not show it,
# so an edit there keeps the period set in the admin.
WEEKLY_PERIOD_FIELDS = ("valid_from", "valid_until")
DATED_FIELDS = ("starts_at", "ends_at", "location", "cancelled", "note")


def _editable(name: str) -> bool:
    return name in EDITABLE_FIELDS or name.startswith(TRANSLATED_PREFIXES)


def _require(actor, action: str, offer: Offer | None = None) -> None:
    if not permissions.can(actor, action, offer):
        raise PermissionDenied


def _locked(offer: Offer) -> Offer:
    return Offer.objects.select_for_update().get(pk=offer.pk)


def _unique_slug(title: str) -> str:
    base = slugify(title)[:150].strip("-") or "aanbod"
    taken = set(Offer.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _check_locations(organisation, locations) -> None:
    if not locations:
        return
    allowed = set(locations_for_organisation(organisation).values_list("id", flat=True))
    if any(location.id not in allowed for location in locations):
        raise ValidationError(
            {"locations": _("Choose places of your organisation or its networks.")}
        )


@transaction.atomic
def offer_create(*, organisation, actor, networks=None, locations=None, **fields) -> Offer:
    """A new draft of `organisation`; in its networks unless `networks` are given.

    Without a `slug`, one is made from the Dutch title.
    """
    unknown = [name for name in fields if not _editable(name)]
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    if not fields.get("slug"):
        fields["slug"] = _unique_slug(fields.get("title_nl") or fields.get("title") or "")
    offer = Offer(organisation=organisation, status=OfferStatus.DRAFT, **fields)
    _require(actor, "offer.edit", offer)
    offer.full_clean(exclude=["networks", "locations"])
    _check_locations(organisation, locations)
    offer.save()
    offer.networks.set(networks if networks is not None else offer.default_networks)
    if locations is not None:
        offer.locations.set(locations)
    offer_reindex(offer=offer)
    audit_log(actor=actor, obj=offer, message="created (Mijn aanbod)", flag=ADDITION)
    return offer


@transaction.atomic
def offer_update(*, offer: Offer, actor, networks=None, locations=None, **fields) -> Offer:
    """Change an offer's content; a published offer shows the change at once."""
    _require(actor, "offer.edit", offer)
    offer = _locked(offer)
    if offer.status == OfferStatus.ARCHIVED:
        raise OfferStateError(_("An archived offer cannot be changed."))
    unknown = [name for name in fields if not _editable(name)]
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(offer, name, value)
    offer.full_clean(exclude=["networks", "locations"])
    _check_locations(offer.organisation, locations)
    offer.save(update_fields=[*fields, "updated_at"])
    if networks is not None:
        offer.networks.set(networks)
    if locations is not None:
        offer.locations.set(locations)
    offer_reindex(offer=offer)
    audit_log(actor=actor, obj=offer, message="content changed")
    return offer


def offer_refresh_search(*, offer: Offer) -> None:
    """After schedules, dates or locations changed elsewhere (admin inlines, partners)."""
    offer_reindex(offer=offer)


@transaction.atomic
def offer_submit_for_review(*, offer: Offer, actor) -> Offer:
    _require(actor, "offer.edit", offer)
    offer = _locked(offer)
    if offer.status != OfferStatus.DRAFT:
        raise OfferStateError(_("Only a draft can be sent for review."))
    if registration_without_way(offer):
        raise OfferStateError(str(REGISTRATION_WITHOUT_WAY))
    offer.status = OfferStatus.IN_REVIEW
    offer.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, obj=offer, message="sent for review")
    return offer


@transaction.atomic
def offer_approve(*, offer: Offer, actor, now: dt.datetime | None = None) -> Offer:
    """Publish an offer in review; the coordinator's check counts as its confirmation."""
    _require(actor, "offer.review", offer)
    offer = _locked(offer)
    if offer.status != OfferStatus.IN_REVIEW:
        raise OfferStateError(_("Only an offer in review can be published."))
    if registration_without_way(offer):
        raise OfferStateError(str(REGISTRATION_WITHOUT_WAY))
    now = now or timezone.now()
    offer.status = OfferStatus.PUBLISHED
    offer.published_at = offer.published_at or now
    offer.last_verified = timezone.localdate(now)
    offer.review_remark = ""
    offer.confirmation_requested_at = None
    offer.save(
        update_fields=[
            "status",
            "published_at",
            "last_verified",
            "review_remark",
            "confirmation_requested_at",
            "updated_at",
        ]
    )
    # Published words join the vocabulary of "did you mean …?".
    offer_reindex(offer=offer)
    audit_log(actor=actor, obj=offer, message="approved and published")
    return offer


@transaction.atomic
def offer_send_back(*, offer: Offer, actor, remark: str) -> Offer:
    _require(actor, "offer.review", offer)
    offer = _locked(offer)
    if offer.status != OfferStatus.IN_REVIEW:
        raise OfferStateError(_("Only an offer in review can be sent back."))
    if not (remark or "").strip():
        raise OfferStateError(_("Say what the partner should change."))
    offer.status = OfferStatus.DRAFT
    offer.review_remark = remark.strip()
    offer.save(update_fields=["status", "review_remark", "updated_at"])
    audit_log(actor=actor, obj=offer, message=f"sent back: {offer.review_remark}")
    return offer


@transaction.atomic
def offer_archive(*, offer: Offer, actor) -> Offer:
    _require(actor, "offer.edit", offer)
    offer = _locked(offer)
    if offer.status == OfferStatus.ARCHIVED:
        raise OfferStateError(_("This offer is already archived."))
    offer.status = OfferStatus.ARCHIVED
    offer.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, obj=offer, message="archived")
    return offer


@transaction.atomic
def offer_confirm_still_right(*, offer: Offer, actor) -> Offer:
    """The partner's one click: the published offer is still right today."""
    _require(actor, "offer.edit", offer)
    offer = _locked(offer)
    if offer.status != OfferStatus.PUBLISHED:
        raise OfferStateError(_("Only a published offer can be confirmed."))
    offer.last_verified = timezone.localdate()
    offer.confirmation_requested_at = None
    offer.save(update_fields=["last_verified", "confirmation_requested_at", "updated_at"])
    audit_log(actor=actor, obj=offer, message="confirmed still right")
    return offer


@transaction.atomic
def offers_confirm_all_still_right(*, actor) -> int:
    """ "Still right" for every published offer the actor edits, in one go; how many.

    For a partner with many offers the six-monthly check is one click, not one per offer.
    """
    offers = list(
        permissions.scope(actor, Offer, "offer.edit")
        .filter(status=OfferStatus.PUBLISHED)
        .select_for_update(of=("self",))
    )
    if not offers:
        return 0
    Offer.objects.filter(id__in=[offer.id for offer in offers]).update(
        last_verified=timezone.localdate(),
        confirmation_requested_at=None,
        updated_at=timezone.now(),
    )
    for offer in offers:
        audit_log(actor=actor, obj=offer, message="confirmed still right (all offers)")
    return len(offers)


# Fields copied to a duplicate: the content, in every language, never state or history.
def _copied_field_names() -> list[str]:
    translated = {prefix.rstrip("_") for prefix in TRANSLATED_PREFIXES}
    return [
        field.name
        for field in Offer._meta.concrete_fields
        if (field.name in EDITABLE_FIELDS and field.name not in translated | {"slug"})
        or field.name.startswith(TRANSLATED_PREFIXES)
    ]


@transaction.atomic
def offer_duplicate(*, offer: Offer, actor) -> Offer:
    """A new draft with the same content, places and weekly times (not the dated ones).

    Dated activities are left out on purpose: they belong to the original's edition.
    """
    _require(actor, "offer.edit", offer)
    source = Offer.objects.prefetch_related("networks", "locations", "recurring_schedules").get(
        pk=offer.pk
    )
    copy = Offer(organisation_id=source.organisation_id, status=OfferStatus.DRAFT)
    for name in _copied_field_names():
        setattr(copy, name, getattr(source, name))
    with translation.override(settings.LANGUAGE_CODE):  # the title is Dutch content
        copy.title_nl = _("Copy of %(title)s") % {"title": source.title_nl}
    copy.title_nl = copy.title_nl[: Offer._meta.get_field("title_nl").max_length]
    copy.slug = _unique_slug(copy.title_nl)
    copy.save()
    copy.networks.set(source.networks.all())
    copy.locations.set(source.locations.all())
    RecurringSchedule.objects.bulk_create(
        RecurringSchedule(
            offer=copy,
            **{name: getattr(schedule, name) for name in WEEKLY_FIELDS + WEEKLY_PERIOD_FIELDS},
        )
        for schedule in source.recurring_schedules.all()
    )
    offer_reindex(offer=copy)
    audit_log(actor=actor, obj=copy, message=f"copied from {source.pk}", flag=ADDITION)
    return copy


@transaction.atomic
def offer_set_availability(*, offer: Offer, actor, availability: str) -> Offer:
    """The partner's one click: places free, full or waiting list. Shows at once."""
    _require(actor, "offer.edit", offer)
    if availability not in Availability.values:
        raise ValueError(f"Unknown availability {availability!r}.")
    offer = _locked(offer)
    if offer.status == OfferStatus.ARCHIVED:
        raise OfferStateError(_("An archived offer cannot be changed."))
    if offer.availability == availability:
        return offer
    offer.availability = availability
    # Availability is not part of the search document: no reindex needed.
    offer.save(update_fields=["availability", "updated_at"])
    audit_log(actor=actor, obj=offer, message=f"availability: {availability}")
    return offer


@transaction.atomic
def offer_schedule_save(
    *,
    offer: Offer,
    actor,
    weekly: Iterable[dict] = (),
    dated: Iterable[dict] = (),
) -> Offer:
    """Add, change and remove an offer's weekly times and dated activities in one go.

    Each item is a dict with `id` (None for a new row), `delete` (bool) and the fields in
    WEEKLY_FIELDS or DATED_FIELDS; a weekly item may add WEEKLY_PERIOD_FIELDS. Rows not
    mentioned stay as they are, so a page that shows only upcoming dates leaves the past (and
    its participation counts) alone.
    Raises ValidationError ("locations") for a place the organisation may not use.
    """
    _require(actor, "offer.edit", offer)
    offer = _locked(offer)
    if offer.status == OfferStatus.ARCHIVED:
        raise OfferStateError(_("An archived offer cannot be changed."))
    offer.save(update_fields=["updated_at"])
    _save_times(offer=offer, actor=actor, weekly=weekly, dated=dated)
    return offer


def _save_times(*, offer: Offer, actor, weekly: Iterable[dict], dated: Iterable[dict]) -> None:
    """The times of an offer the caller checked, locked (or just created) and saved."""
    weekly, dated = list(weekly), list(dated)
    _check_locations(
        offer.organisation, [item["location"] for item in weekly + dated if item.get("location")]
    )
    _save_rows(
        offer,
        RecurringSchedule,
        offer.recurring_schedules.all(),
        weekly,
        WEEKLY_FIELDS,
        optional=WEEKLY_PERIOD_FIELDS,
    )
    _save_rows(offer, Occurrence, offer.occurrences.all(), dated, DATED_FIELDS)
    # Weekdays and evenings of the search filters come from these times.
    offer_reindex(offer=offer)
    audit_log(actor=actor, obj=offer, message="times changed")


@transaction.atomic
def offer_save_with_schedule(
    *,
    actor,
    offer: Offer | None = None,
    organisation=None,
    networks=None,
    locations=None,
    weekly: Iterable[dict] = (),
    dated: Iterable[dict] = (),
    **fields,
) -> Offer:
    """The editor's one submit: create (`offer` None, in `organisation`) or change the offer,
    and save its weekly times and dated activities — all of it, or nothing. `networks` as
    in offer_create / offer_update (None: the default ones, or unchanged)."""
    places = {"networks": networks, "locations": locations}
    # One index of the offer with its new content and times, not one after each part.
    with reindex_deferred():
        if offer is None:
            offer = offer_create(organisation=organisation, actor=actor, **places, **fields)
        else:
            offer = offer_update(offer=offer, actor=actor, **places, **fields)
        # offer_create / offer_update checked the permission and the state, and locked and
        # saved the offer: what offer_schedule_save would do again.
        _save_times(offer=offer, actor=actor, weekly=weekly, dated=dated)
    return offer


def _save_rows(offer, model, existing, items: list[dict], fields, optional=()) -> None:
    wanted_ids = [item["id"] for item in items if item.get("id")]
    rows: dict[int, Model] = {row.id: row for row in existing.filter(id__in=wanted_ids)}
    for item in items:
        row_id = item.get("id")
        if row_id and row_id not in rows:
            raise OfferStateError(_("A time was removed meanwhile. Reload the page and try again."))
        if item.get("delete"):
            if row_id:
                rows[row_id].delete()
            continue
        row = rows[row_id] if row_id else model(offer=offer)
        for name in fields:
            setattr(row, name, item.get(name, model._meta.get_field(name).get_default()))
        for name in optional:
            if name in item:
                setattr(row, name, item[name])
        row.full_clean(exclude=["offer"])
        row.save()


@transaction.atomic
def participation_record(
    *,
    offer: Offer,
    actor,
    date: dt.date,
    families: int,
    children: int,
    occurrence: Occurrence | None = None,
    children_by_age: dict[str, int | None] | None = None,
) -> Participation:
    """Anonymous counts of one activity: how many families and children took part.

    `children_by_age` maps the keys of PARTICIPATION_AGE_FIELDS ("0-3", …) to counts;
    any may be left out. Raises ValidationError (per field) for impossible numbers.
    """
    _require(actor, "offer.edit", offer)
    if occurrence is not None and occurrence.offer_id != offer.id:
        raise ValidationError({"occurrence": _("This date is not one of this offer.")})
    if date > timezone.localdate():
        raise ValidationError({"date": _("Enter the numbers after the activity took place.")})
    by_age = children_by_age or {}
    unknown = set(by_age) - set(PARTICIPATION_AGE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown age groups: {sorted(unknown)}")
    participation = Participation(
        offer=offer,
        occurrence=occurrence,
        date=date,
        families=families,
        children=children,
        entered_by=actor,
        **{PARTICIPATION_AGE_FIELDS[group]: count for group, count in by_age.items()},
    )
    participation.full_clean()
    participation.save()
    audit_log(actor=actor, obj=offer, message=f"participation of {date:%d/%m/%Y} entered")
    return participation


# --- Six-monthly "is this still right?" -------------------------------------------------


def offer_confirmation_requests_due(*, today: dt.date) -> list[int]:
    """Published offers not confirmed for CONFIRM_EVERY_DAYS and not asked yet."""
    cutoff = today - dt.timedelta(days=CONFIRM_EVERY_DAYS)
    return list(
        Offer.objects.not_confirmed_since(cutoff)
        .filter(confirmation_requested_at=None)
        .order_by("id")
        .values_list("id", flat=True)
    )


@transaction.atomic
def offer_confirmation_request_send(*, offer_id: int) -> bool:
    """Ask the partner editors once whether the offer is still right. False: already asked.

    The claim (a conditional update) and the mail share one transaction: if the mail fails,
    the claim rolls back and a retry sends it. Confirming the offer clears the claim, so the
    next question comes six months later. Without partner editors the partner's contact
    person is asked instead (no account needed: they tell the network what changed); with
    neither, nobody is mailed. The offer turns stale on the coordinator's start page anyway.
    """
    claimed = Offer.objects.filter(
        id=offer_id, status=OfferStatus.PUBLISHED, confirmation_requested_at=None
    ).update(confirmation_requested_at=timezone.now())
    if not claimed:
        return False
    offer = Offer.objects.select_related("organisation").get(id=offer_id)
    recipients = sorted(
        set(
            Membership.objects.filter(
                organisation_id=offer.organisation_id,
                role=Role.PARTNER_EDITOR,
                user__is_active=True,
            ).values_list("user__email", flat=True)
        )
    )
    if recipients:
        with translation.override(settings.LANGUAGE_CODE):
            url = settings.SITE_URL + reverse("aanbod:mine")
            send_mail(
                subject=mail_subject(
                    _("Is this still right? %(title)s") % {"title": offer.title_nl}
                ),
                message=_(
                    "Hello,\n\nParents find '%(title)s' of %(organisation)s on the website of "
                    "the Huis van het Kind. Is everything still right: times, place, price, "
                    "how to take part?\n\nCheck it and click 'Still right' under Mijn aanbod, "
                    "or change what is no longer right:\n%(url)s\n\nThank you!"
                )
                % {"title": offer.title_nl, "organisation": offer.organisation.name, "url": url},
                from_email=None,
                recipient_list=recipients,
            )
    elif offer.organisation.contact_email:
        _offer_confirmation_ask_contact(offer)
    return True


def _offer_confirmation_ask_contact(offer: Offer) -> None:
    """The 'still right?' question for a partner nobody edits offers at: to its contact
    person, who answers the network (its mail or phone); the coordinator then confirms."""
    network = offer.networks.order_by("id").first()
    with translation.override(settings.LANGUAGE_CODE):
        if network is not None and (network.email or network.phone):
            how = " / ".join(part for part in (network.email, network.phone) if part)
            tell = _("Is something no longer right? Tell %(network)s: %(how)s.") % {
                "network": network.name,
                "how": how,
            }
        else:
            tell = _("Is something no longer right? Tell the Huis van het Kind.")
        send_mail(
            subject=mail_subject(_("Is this still right? %(title)s") % {"title": offer.title_nl}),
            message=_(
                "Hello,\n\nParents find '%(title)s' of %(organisation)s on the website of "
                "the Huis van het Kind. Is everything still right: times, place, price, how to "
                "take part?\n\nSee it here:\n%(url)s\n\n%(tell)s\n\nThank you!"
            )
            % {
                "title": offer.title_nl,
                "organisation": offer.organisation.name,
                "url": settings.SITE_URL + offer.get_absolute_url(),
                "tell": tell,
            },
            from_email=None,
            recipient_list=[offer.organisation.contact_email],
        )
