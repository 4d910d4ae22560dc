"""The one place a domain error becomes an answer (see huisvanhetkind/exceptions.py).

- `refused()`: the outcome only, for a view that shows the message its own way.
- `errors_on(form)`: around a service call on a form page; a refused step (a domain
  error, or a model's or service's ValidationError) becomes a form error, so the user
  keeps what they typed.
- `messages_on(request, done=...)`: around a service call in an action view that
  redirects either way; a refused step becomes an error message, success `done`.
- `for_each_object(request, objects, step)`: an admin action on many objects; each
  refusal becomes a warning and the action goes on with the next object.
- `DomainErrorMiddleware`: whatever a view leaves uncaught. NotAllowed and NotFound
  are PermissionDenied and Http404, so Django's own handlers answer 403/404 with our
  error pages; LimitReached answers 429; any other DomainError goes back where the
  user came from with the message, or gets a 409 page when there is no way back.
"""

from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .errors import render_error
from .exceptions import DomainError, LimitReached, NotAllowed, NotFound

# Answered by Django's 403/404 handlers, never turned into a message.
PASS_THROUGH = (NotAllowed, NotFound)


def _is_message(error: BaseException, *, not_allowed_too: bool = False) -> bool:
    if not_allowed_too and isinstance(error, NotAllowed):
        return True
    return isinstance(error, DomainError) and not isinstance(error, PASS_THROUGH)


class Outcome:
    """What happened in a `refused()`, `errors_on()` or `messages_on()` block."""

    failed = False
    error: DomainError | ValidationError | None = None


@contextmanager
def refused(*, not_allowed_too: bool = False):
    """Catch a refused step into the outcome, for a view that answers it in its own way
    (e.g. an htmx row that shows the message in place). NotAllowed stays a 403 unless
    `not_allowed_too`."""
    outcome = Outcome()
    try:
        yield outcome
    except DomainError as error:
        if not _is_message(error, not_allowed_too=not_allowed_too):
            raise
        outcome.failed, outcome.error = True, error


@contextmanager
def errors_on(
    form,
    *,
    field: str | None = None,
    field_names: Mapping[str, str] | None = None,
    not_allowed_too: bool = False,
):
    """Turn a refused step into an error of `form` (then `form.is_valid()` is False): on
    `field` when the rule is about that one field, else on the form as a whole.

    A ValidationError (a model's `full_clean()` or a service's check) puts each message
    beside the form field it names — `field_names` maps a model field to the form field
    that shows it, e.g. `{"age_months": "age_to"}` — and the rest above the form.
    LimitReached stays a form error too: the public-form helper answers it with 429.
    `not_allowed_too`: a NotAllowed becomes a form error as well, not a 403, where what
    was typed decides it (the admin's invite page: nobody invites themself).
    """
    with refused(not_allowed_too=not_allowed_too) as outcome:
        try:
            yield outcome
        except ValidationError as error:
            outcome.failed, outcome.error = True, error
    if isinstance(outcome.error, ValidationError):
        _add_validation_error(form, outcome.error, field=field, field_names=field_names or {})
    elif outcome.failed:
        form.add_error(field, str(outcome.error))


def _add_validation_error(
    form, error: ValidationError, *, field: str | None, field_names: Mapping[str, str]
) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(field, error)
        return
    for name, texts in error.message_dict.items():
        name = field_names.get(name, name)
        form.add_error(name if name in form.fields else None, texts)


@contextmanager
def messages_on(request, *, done: str = "", about: str = ""):
    """Turn a refused step into an error message (starting with `about`, when a list page
    acts on many things); add `done` as success message otherwise."""
    with refused() as outcome:
        yield outcome
    if outcome.failed:
        messages.error(request, f"{about}: {outcome.error}" if about else str(outcome.error))
    elif done:
        messages.success(request, done)


T = TypeVar("T")


def for_each_object(
    request,
    objects: Iterable[T],
    step: Callable[[T], object],
    *,
    about: Callable[[T], str] | None = None,
) -> int:
    """Run `step(obj)` for each object of an admin action and return how many were done.

    A refused step (any DomainError, NotAllowed included, or Django's PermissionDenied)
    becomes a warning — `"<about(obj)>: <message>"`, or the message alone without
    `about` — and the next object goes on; other exceptions are bugs and propagate. A
    step that returns False did nothing (e.g. the account was already inactive) and is
    not counted. The caller adds its own success message with the count.
    """
    done = 0
    for obj in objects:
        try:
            result = step(obj)
        except (DomainError, PermissionDenied) as error:
            text = str(error) or _("You may not do this.")
            messages.warning(request, f"{about(obj)}: {text}" if about else text)
        else:
            done += result is not False
    return done


def _way_back(request) -> str | None:
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return None


class DomainErrorMiddleware:
    """Last in MIDDLEWARE: answers the domain errors a view did not handle itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not _is_message(exception):
            return None  # not ours, or a 403/404 Django's handlers answer
        if isinstance(exception, LimitReached):
            return render_error(request, 429, 429, text=str(exception))
        back = _way_back(request)
        if back:
            messages.error(request, str(exception))
            return redirect(back)
        return render_error(request, 409, 409, text=str(exception))
