"""Values kept in this process under keys that name exactly what they show.

A key carries the versions and the day its value was made for (aanbod.catalogue_version,
partners.selectors.public_version), so there is nothing to invalidate: a changed
catalogue or network is another key, and old keys drop out as new ones come in.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class KeptInProcess(Generic[Value]):
    """At most `most` values, the oldest made dropped first."""

    def __init__(self, most: int) -> None:
        self.most = most
        self._values: dict[Hashable, Value] = {}
        self._lock = threading.Lock()

    def get_or_make(self, *, versions: tuple, key: Hashable, make: Callable[[], Value]) -> Value:
        """The value kept under `versions` and `key`, else `make()` kept under them. With a
        version None (Redis could not give it) nothing is kept: `make()` runs every time."""
        if None in versions:
            return make()
        full_key = (versions, key)
        try:
            return self._values[full_key]
        except KeyError:
            pass
        value = make()
        with self._lock:
            while len(self._values) >= self.most:
                del self._values[next(iter(self._values))]
            self._values[full_key] = value
        return value
