"""The domain-error hierarchy every app's exceptions derive from.

A service raises one of these with a message for users; huisvanhetkind.domain_errors
turns it into an answer in one place: a message on the form or page, or a 403, 404,
409 or 429. Views need no `except` clauses of their own.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404


class DomainError(Exception):
    """A rule of the domain refused the step; `str(error)` is the message for users."""


class StateConflict(DomainError):
    """The thing is not in a state that allows this step (already sent, closed, …)."""


class LimitReached(DomainError):
    """A daily or rate limit is reached: answered with 429 and a way to reach us instead."""


class NotAllowed(DomainError, PermissionDenied):
    """The actor may not take this step: Django answers 403 (the PermissionDenied path)."""


class NotFound(DomainError, Http404):
    """Missing, or not the actor's to see — the same answer: 404."""
