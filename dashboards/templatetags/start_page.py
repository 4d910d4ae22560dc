from django import template
from django.utils import timezone

from huisvanhetkind import outbox, permissions

from ..selectors import coordinator_start_page

register = template.Library()


@register.simple_tag
def start_page_for(user) -> dict:
    """The admin start page: what needs the coordinator's attention today."""
    start = coordinator_start_page(user=user, today=timezone.localdate())
    # Mails the worker gave up on, by kind and count only (the rows hold ids, and no
    # network: it is the installation's health, for coordinators and administrators).
    if user.is_superuser or permissions.coordinated_network_ids(user):
        start["mails_failed"] = outbox.failed_kinds()
    return start
