"""The shortlist: offers a parent, or a worker sitting with a family, collects at the desk.

Kept in the session (no account); shared as a link that holds only offer ids.
"""

from django.contrib.sessions.backends.base import SessionBase

SESSION_KEY = "hvhk_shortlist"
MAX_ITEMS = 30


def shortlist_ids(session: SessionBase) -> list[int]:
    return [int(item) for item in session.get(SESSION_KEY, []) if str(item).isdigit()]


def shortlist_add(session: SessionBase, offer_id: int) -> list[int]:
    ids = shortlist_ids(session)
    if offer_id not in ids and len(ids) < MAX_ITEMS:
        ids.append(offer_id)
    session[SESSION_KEY] = ids
    return ids


def shortlist_remove(session: SessionBase, offer_id: int) -> list[int]:
    ids = [item for item in shortlist_ids(session) if item != offer_id]
    session[SESSION_KEY] = ids
    return ids


def parse_shared_ids(raw: str) -> list[int]:
    """Offer ids from a shared link (?aanbod=3,17,42); anything else is dropped."""
    ids = []
    for part in (raw or "").split(",")[:MAX_ITEMS]:
        part = part.strip()
        if part.isdigit() and len(part) < 12 and int(part) not in ids:
            ids.append(int(part))
    return ids
