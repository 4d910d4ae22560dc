"""A version of the published catalogue, for caches of what every visitor sees alike.

An offer saved or deleted (aanbod.signals) and every re-index (aanbod.search.index) call
`catalogue_changed()`: caches keyed on the version are then never read again and expire
on their own.
"""

import time

from django.core.cache import cache
from django.db import transaction

KEY = "aanbod:catalogue-version"


def catalogue_version() -> int:
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, time.time_ns(), timeout=None)
        version = cache.get(KEY)
    return version


def catalogue_changed() -> None:
    """Move the version now and, in a transaction, once more after its commit (a visitor
    may cache the old rows in between): one write per change and one per transaction."""
    _bump()
    connection = transaction.get_connection()
    # A savepoint rolled back drops its callbacks: the next change registers again.
    if connection.in_atomic_block and not any(
        callback is _bump for _ids, callback, _robust in connection.run_on_commit
    ):
        transaction.on_commit(_bump)


def _bump() -> None:
    cache.set(KEY, time.time_ns(), timeout=None)
