from django import template
from django.utils import timezone

from partners.selectors import coordinator_start_page

register = template.Library()


@register.simple_tag
def start_page_for(user) -> dict:
    """The admin start page: what needs the coordinator's attention today."""
    return coordinator_start_page(user=user, today=timezone.localdate())
