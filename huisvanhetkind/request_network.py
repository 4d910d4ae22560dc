"""The network a page speaks for, asked by the core without knowing the partners app.

The core (layout, error pages) needs the network of a request for its contact point and
logo, but depends on no domain app (the import-linter layers in pyproject.toml). So the
app that knows networks registers how to find one (partners.apps.ready); until it has,
there is none.
"""

from collections.abc import Callable

_resolver: Callable | None = None


def network_resolver_register(resolver: Callable) -> None:
    """Set the function (request) -> network or None that every page asks."""
    global _resolver
    _resolver = resolver


def network_for_request(request):
    return _resolver(request) if _resolver is not None else None
