"""Template helpers of "Mijn aanbod" (kept apart from the public catalogue's tags)."""

import datetime as dt

from django import template

from huisvanhetkind import permissions

register = template.Library()


@register.filter
def needs_confirmation(offer, today: dt.date) -> bool:
    return offer.needs_confirmation(today)


@register.filter
def edits_offers(user) -> bool:
    """Partner editors and coordinators: the people "Mijn aanbod" is for."""
    return permissions.can(user, "offer.edit")
