"""Users that a record must keep by name: deactivate them, never delete them.

The accounts admin (huisvanhetkind.admin) refuses to delete such a user, but the record
that keeps them lives in a domain app (the referral access log in doorverwijzing), and
the core imports no domain app. So the app registers a finder in its AppConfig.ready().
"""

from collections.abc import Callable

# Each: (user_ids=[...]) -> the ids among them that the app's records name.
_finders: list[Callable] = []


def kept_users_register(finder: Callable) -> None:
    if finder not in _finders:
        _finders.append(finder)


def kept_user_ids(*, user_ids) -> set[int]:
    kept: set[int] = set()
    for finder in _finders:
        kept |= finder(user_ids=user_ids)
    return kept
