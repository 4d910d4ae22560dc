"""A search that found nothing is a gap in the offer: whoever counts gaps listens here.

The signals app counts them (signalen.services.search_gap_record), but aanbod sits below
signalen in the layers (pyproject.toml, import-linter): so signalen registers its counter
in its AppConfig.ready() and the search view only reports.
"""

from collections.abc import Callable

_listeners: list[Callable] = []


def search_gap_listen(listener: Callable) -> None:
    """Call `listener(query=..., network_id=...)` for every first result page without results."""
    if listener not in _listeners:
        _listeners.append(listener)


def search_gap_report(*, query: str, network_id: int | None = None) -> None:
    for listener in _listeners:
        listener(query=query, network_id=network_id)
