"""Reads that gather from several apps for one page: the layer above the domain apps."""

from aanbod.selectors import coordinator_offer_attention
from partners.selectors import network_attention
from rechten.selectors import rights_review_nudge


def coordinator_start_page(*, user, today) -> dict:
    """What needs the coordinator now: ending agreements, open invitations, missing contacts
    (partners), offers to review, stale or losing their funding (aanbod), and rights not
    reviewed for a year (rechten)."""
    return {
        **network_attention(user=user, today=today),
        **coordinator_offer_attention(user=user, today=today),
        **rights_review_nudge(user=user, today=today),
    }
