"""The registration box on an offer's page.

A template tag, not a context entry of the offer view: the catalogue (aanbod) sits below
inschrijving in the layers (pyproject.toml, import-linter) and must not import it.
"""

from django import template
from django.utils import timezone

from ..selectors import registration_lists_for_offer_page

register = template.Library()


@register.inclusion_tag("inschrijving/_offer_box.html", takes_context=True)
def registration_box(context, offer):
    return {
        **context.flatten(),
        "registration_lists": registration_lists_for_offer_page(offer=offer, now=timezone.now()),
    }
