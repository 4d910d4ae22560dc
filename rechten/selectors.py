"""Reads of rights for a user."""

import datetime as dt

from huisvanhetkind import permissions

from .models import REVIEW_EVERY_DAYS, Right


def rights_review_nudge(*, user, today: dt.date, limit: int = 20) -> dict[str, list]:
    """Published rights of the coordinator's networks not reviewed for 12 months, or never
    (the starting set), oldest first. One query; empty for anyone who keeps no rights."""
    if not permissions.can(user, "right.manage"):
        return {"rights_not_reviewed": []}
    stale = (
        permissions.scope(user, Right, "right.manage")
        .not_reviewed_since(today - dt.timedelta(days=REVIEW_EVERY_DAYS))
        .select_related("network")
        .only("name", "reviewed_on", "network__name")  # what a line of the start page shows
        .order_by("reviewed_on", "order", "id")
    )
    return {"rights_not_reviewed": list(stale[:limit])}
