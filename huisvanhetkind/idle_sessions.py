"""Sessions of people who see families' data end after REFERRAL_SESSION_IDLE_SECONDS idle.

Who they are is second_factor.second_factor_required: social workers, coordinators,
administrators and partner editors. The middleware extends the expiry as they work; the
login starts it, so the first pages after logging in write no session row.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone

from .second_factor import second_factor_required

# Extending the idle expiry writes the session row (three statements); once a minute is
# enough. The session then ends between IDLE - 60 s and IDLE after the last request:
# never later than REFERRAL_SESSION_IDLE_SECONDS, the limit that matters for security.
IDLE_EXPIRY_REFRESH_SECONDS = 60
IDLE_EXPIRY_SET_AT = "hvhk_idle_expiry_set_at"


def extend_idle_expiry(session) -> None:
    """The session ends REFERRAL_SESSION_IDLE_SECONDS after it was last extended; extend it
    when that was at least IDLE_EXPIRY_REFRESH_SECONDS ago (or it has another expiry)."""
    now = timezone.now().timestamp()
    idle = settings.REFERRAL_SESSION_IDLE_SECONDS
    set_at = session.get(IDLE_EXPIRY_SET_AT)
    if (
        session.get_expiry_age() == idle
        and isinstance(set_at, int | float)
        and 0 <= now - set_at < IDLE_EXPIRY_REFRESH_SECONDS
    ):
        return
    session.set_expiry(idle)
    session[IDLE_EXPIRY_SET_AT] = now


@receiver(user_logged_in, dispatch_uid="huisvanhetkind.idle_sessions")
def start_idle_expiry(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session") and second_factor_required(user):
        extend_idle_expiry(request.session)
