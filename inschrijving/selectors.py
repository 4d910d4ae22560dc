"""Every read of registrations: public (the offer page) and for the partner (scoped)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.http import Http404

from huisvanhetkind import permissions

from .choices import TAKES_SEAT
from .choices import RegistrationStatus as Status
from .models import RegistrationList


def _with_counts(queryset):
    return queryset.annotate(
        taken=Count("registrations", filter=Q(registrations__status__in=TAKES_SEAT)),
        waiting=Count("registrations", filter=Q(registrations__status=Status.WAITLISTED)),
    )


def registration_lists_for_offer_page(*, offer, now: dt.datetime) -> list[RegistrationList]:
    """The open lists of a published offer whose session is still to come (one query)."""
    lists = _with_counts(
        RegistrationList.objects.filter(offer=offer, is_open=True)
        .filter(
            Q(occurrence__isnull=True)
            | Q(occurrence__starts_at__gt=now, occurrence__cancelled=False)
        )
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        .select_related("occurrence")
        .order_by("occurrence__starts_at")
    )
    return list(lists)


def registration_list_public(*, pk: int) -> RegistrationList:
    """A list of a published offer, with its offer and date; 404 otherwise."""
    registration_list = (
        RegistrationList.objects.filter(pk=pk, offer__status="published")
        .select_related("offer__organisation", "occurrence__location")
        .first()
    )
    if registration_list is None:
        raise Http404
    return registration_list


def registration_lists_for_user(*, user, now: dt.datetime):
    """The lists of the offers the user keeps, upcoming first."""
    return _with_counts(
        permissions.scope(user, RegistrationList, "registration.manage")
        .select_related("offer", "occurrence")
        .order_by("occurrence__starts_at", "id")
    )


def registration_list_for_user(*, user, pk: int) -> RegistrationList:
    """One list of an offer the user keeps; 404 when not theirs."""
    registration_list = (
        _with_counts(permissions.scope(user, RegistrationList, "registration.manage"))
        .select_related("offer", "occurrence__location")
        .filter(pk=pk)
        .first()
    )
    if registration_list is None:
        raise Http404
    return registration_list


def similar_offers(*, offer, limit: int = 3):
    """Other published offers of the same network for overlapping ages and a shared life
    domain: what a family sees when an activity is full."""
    from aanbod.models import Offer, offer_link_fields

    networks = offer.networks.values("id")
    candidates = Offer.objects.published().filter(networks__in=networks).exclude(pk=offer.pk)
    if offer.life_domains:
        candidates = candidates.filter(life_domains__overlap=offer.life_domains)
    if offer.age_months is not None and not getattr(offer.age_months, "isempty", False):
        candidates = candidates.filter(age_months__overlap=offer.age_months)
    return list(candidates.only(*offer_link_fields()).distinct().order_by("title")[:limit])


def list_keeper_emails(*, offer) -> list[str]:
    """Who keeps the offer's registrations and can call a family (the rule of
    registration.manage): the partner editors of its organisation; when it has none, the
    coordinators of its networks. Active people with an e-mail address only."""
    from django.contrib.auth import get_user_model

    from partners.choices import Role

    people = get_user_model().objects.filter(is_active=True).exclude(email="")
    editors = people.filter(
        memberships__organisation_id=offer.organisation_id,
        memberships__role=Role.PARTNER_EDITOR,
    )
    keepers = (
        editors
        if editors.exists()
        else people.filter(
            memberships__network__in=offer.networks.all(), memberships__role=Role.COORDINATOR
        )
    )
    return sorted(set(keepers.values_list("email", flat=True)))
