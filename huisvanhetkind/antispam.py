"""Spam protection for public forms without an account, and without a CAPTCHA that excludes people.

Two layers, shared by every public form (a family's question, a family's
signal, a needs survey): a honeypot field that only bots fill in, and a rate
limit per client address in Redis. The cache key is a keyed hash of the
address: the address itself is never stored.
"""

import logging

from django import forms
from django.core.cache import cache
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from redis.exceptions import RedisError

from .client_ip import client_ip

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
