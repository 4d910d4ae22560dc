from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from huisvanhetkind import outbox, permissions

from .. import start_page_parts
from ..selectors import coordinator_start_page

register = template.Library()

# The lines' addresses differ only in the object's id: each is reversed once per page with
# this stand-in (digits, for <int:pk> too) and `with_id` puts the line's id in its place.
ID_STAND_IN = "9081726354"
LINE_ADDRESSES = {
    "network": "admin:partners_network_change",
    "agreement": "admin:partners_agreement_change",
    "organisation": "admin:partners_organisation_change",
    "offer": "admin:aanbod_offer_change",
    "offer_preview": "aanbod:mine_preview",
    "right": "admin:rechten_right_change",
}


@register.simple_tag
def start_page_for(user) -> dict:
    """The admin start page: what needs the coordinator's attention today."""
    start = coordinator_start_page(user=user, today=timezone.localdate())
    # Mails the worker gave up on, by kind and count only (the rows hold ids, and no
    # network: it is the installation's health, for coordinators and administrators).
    if user.is_superuser or permissions.coordinated_network_ids(user):
        start["mails_failed"] = outbox.failed_kinds()
    start["urls"] = {
        line: reverse(name, args=[ID_STAND_IN]) for line, name in LINE_ADDRESSES.items()
    }
    start["flyer_url"] = reverse("aanbod:flyer")
    return start


@register.simple_tag
def start_page_html(start: dict) -> SafeString:
    """The start page's lists, kept per process for what they show (start_page_parts)."""
    return start_page_parts.start_page_html(start)


@register.filter
def with_id(address: str, pk) -> str:
    """One line's address from its list's (`start.urls`)."""
    return address.replace(ID_STAND_IN, str(pk))
