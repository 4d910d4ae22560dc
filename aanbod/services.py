"""Every write to the catalogue: one function per change, checked against the offer's state."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions
from .choices import OfferStatus
from .exceptions import OfferStateError
from .models import Offer
from .search_index import offer_reindex

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


def _editable(name: str) -> bool:
    return name in EDITABLE_FIELDS or name.startswith(TRANSLATED_PREFIXES)


def _require(actor, action: str, offer: Offer | None = None) -> None:
    if not permissions.can(actor, action, offer):
        raise PermissionDenied


def _locked(offer: Offer) -> Offer:
    return Offer.objects.select_for_update().get(pk=offer.pk)


@transaction.atomic
def offer_create(*, organisation, actor, networks=None, locations=None, **fields) -> Offer:
    """A new draft of `organisation`; in its networks unless `networks` are given."""
    unknown = [name for name in fields if not _editable(name)]
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    offer = Offer(organisation=organisation, status=OfferStatus.DRAFT, **fields)
    _require(actor, "offer.edit", offer)
    offer.full_clean(exclude=["networks", "locations"])
    offer.save()
    offer.networks.set(networks if networks is not None else organisation.networks.all())
    if locations is not None:
        offer.locations.set(locations)
    offer_reindex(offer=offer)
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
    offer.save(update_fields=[*fields, "updated_at"])
    if networks is not None:
        offer.networks.set(networks)
    if locations is not None:
        offer.locations.set(locations)
    offer_reindex(offer=offer)
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
    offer.status = OfferStatus.IN_REVIEW
    offer.save(update_fields=["status", "updated_at"])
    return offer


@transaction.atomic
def offer_approve(*, offer: Offer, actor) -> Offer:
    _require(actor, "offer.review", offer)
    offer = _locked(offer)
    if offer.status != OfferStatus.IN_REVIEW:
        raise OfferStateError(_("Only an offer in review can be published."))
    offer.status = OfferStatus.PUBLISHED
    offer.published_at = offer.published_at or timezone.now()
    offer.last_verified = timezone.localdate()
    offer.review_remark = ""
    offer.save(
        update_fields=["status", "published_at", "last_verified", "review_remark", "updated_at"]
    )
    # Published words join the vocabulary of "did you mean …?".
    offer_reindex(offer=offer)
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
    return offer


@transaction.atomic
def offer_archive(*, offer: Offer, actor) -> Offer:
    _require(actor, "offer.edit", offer)
    offer = _locked(offer)
    if offer.status == OfferStatus.ARCHIVED:
        raise OfferStateError(_("This offer is already archived."))
    offer.status = OfferStatus.ARCHIVED
    offer.save(update_fields=["status", "updated_at"])
    return offer


@transaction.atomic
def offer_confirm_still_right(*, offer: Offer, actor) -> Offer:
    """The partner's one click: the published offer is still right today."""
    _require(actor, "offer.edit", offer)
    offer = _locked(offer)
    if offer.status != OfferStatus.PUBLISHED:
        raise OfferStateError(_("Only a published offer can be confirmed."))
    offer.last_verified = timezone.localdate()
    offer.save(update_fields=["last_verified", "updated_at"])
    return offer
