"""Spam protection for public forms without an account, and without a CAPTCHA that excludes people.

Two layers, shared by every public form (a family's question, a family's
signal, a needs survey) through `public_form_submit`: a honeypot field that only
bots fill in (rendered by templates/includes/honeypot.html), and a rate limit per
client address in Redis. The cache key is a keyed hash of the
address: the address itself is never stored.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from redis.exceptions import RedisError

from .client_ip import client_ip
from .domain_errors import errors_on
from .exceptions import DomainError, LimitReached

logger = logging.getLogger(__name__)

# Bots fill every field they find; people never see this one.
HONEYPOT_FIELD = "website"


def rate_limit_exceeded(request, *, scope: str, limit: int, window_seconds: int) -> bool:
    """Count this submission against the client's limit for `scope`; True when it is over.

    When Redis is away the submission goes through: losing a family's words is
    worse than a little spam. The cache fails open (huisvanhetkind/cache.py): `add`
    then says stored and `incr` counts from zero, so nothing is ever over the limit.
    """
    address = client_ip(request)
    key = f"{scope}-rate:" + salted_hmac(f"{scope}-rate-limit", address).hexdigest()
    try:
        cache.add(key, 0, timeout=window_seconds)
        count = cache.incr(key)
    except (RedisError, ValueError):
        # ValueError: the key expired between add and incr.
        logger.warning("Rate limit %s unavailable; submission accepted without it.", scope)
        return False
    return count > limit


class HoneypotFormMixin(forms.Form):
    """Adds the hidden field; render it with includes/honeypot.html, outside visible_fields."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_spam(self) -> bool:
        """True when the hidden field was filled in: only a bot does that."""
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]


SPAM_MESSAGE = _("We could not send your message. Please call or e-mail us.")


@dataclass
class Submission:
    """What `public_form_submit` did: `done` with the service's `result`, else the page is
    shown again with `status` (400 spam, 429 a limit, 200 a form error); `error` is what
    refused the step, for a page that answers one kind its own way."""

    done: bool = False
    status: int = 200
    result: object = None
    error: DomainError | ValidationError | None = None


def public_form_submit(
    request,
    form: HoneypotFormMixin,
    *,
    scope: str,
    limit: int,
    window_seconds: int,
    too_many: str,
    submit: Callable[[], object],
    spam: str = SPAM_MESSAGE,
) -> Submission:
    """The checks every public form makes, in their order, then `submit()` (one service call).

    A filled honeypot stores nothing (400; a person only gets here if the browser filled
    the hidden field); over the client's rate limit for `scope` → 429 with `too_many`; a
    refused step becomes a form error, with 429 when a daily limit (LimitReached) refused it.
    """
    if form.is_spam():
        form.add_error(None, spam)
        return Submission(status=400)
    if not form.is_valid():
        return Submission()
    if rate_limit_exceeded(request, scope=scope, limit=limit, window_seconds=window_seconds):
        form.add_error(None, too_many)
        return Submission(status=429)
    with errors_on(form) as outcome:
        result = submit()
    if outcome.failed:
        status = 429 if isinstance(outcome.error, LimitReached) else 200
        return Submission(status=status, error=outcome.error)
    return Submission(done=True, result=result)
