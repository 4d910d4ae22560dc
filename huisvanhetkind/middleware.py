"""Extra protection for people who can read personal data or give roles to others."""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from . import errors, permissions
from .second_factor import second_factor_required, session_used_second_factor

# allauth's own pages (log in and out, set up two-factor login, reset a password):
# a session that has not passed the second factor yet may use only these.
ACCOUNT_URL_PREFIXES = ("account_", "mfa_")

# Extending the idle expiry writes the session row (three statements); once a minute is
# enough. The session then ends between IDLE - 60 s and IDLE after the last request:
# never later than REFERRAL_SESSION_IDLE_SECONDS, the limit that matters for security.
IDLE_EXPIRY_REFRESH_SECONDS = 60
IDLE_EXPIRY_SET_AT = "hvhk_idle_expiry_set_at"


class RejectNulBytesMiddleware:
    """A NUL byte in the path, a parameter, form data or a cookie answers 400.

    PostgreSQL refuses NUL in text, so one reaching a query (a slug, a search, a session
    key) would be a 500. No honest client sends one; refusing it here keeps every view
    from having to clean its input for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul_byte(request):
            return errors.bad_request(request, BadRequest("NUL byte in the request"))
        return self.get_response(request)


def _has_nul_byte(request) -> bool:
    if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
        return True
    # Parsing form data here is what the CSRF check does next anyway.
    sources = [request.GET, request.COOKIES]
    if request.method == "POST":
        sources.append(request.POST)
    for source in sources:
        items = source.lists() if hasattr(source, "lists") else source.items()
        for key, values in items:
            if "\x00" in key or any("\x00" in value for value in _as_list(values)):
                return True
    return False


def _as_list(values) -> list[str]:
    return values if isinstance(values, list) else [values]


class ReferralRoleProtectionMiddleware:
    """A second factor for everyone who must have one, checked on every page.

    Social workers, coordinators, administrators and partner editors (second_factor.py:
    whoever sees families' personal data or gives roles) reach no
    page but allauth's own until this session passed the second factor: without
    TOTP they are sent to set it up; with TOTP, a session that skipped it (any
    login path other than allauth's) is ended. Sessions of social workers also
    end after REFERRAL_SESSION_IDLE_SECONDS without activity.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and permissions.social_worker_organisation_ids(user):
            _extend_idle_expiry(request.session)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not second_factor_required(user):
            return None
        if session_used_second_factor(request):
            return None
        match = request.resolver_match
        url_name = (match.url_name or "") if match and not match.namespaces else ""
        if is_mfa_enabled(user):
            if url_name == "account_logout":
                return None
            # The account has TOTP, so this session came in by a path that skipped it.
            logout(request)
            messages.warning(request, _("Log in again, with the code from your app."))
            return redirect_to_login(request.get_full_path())
        if url_name.startswith(ACCOUNT_URL_PREFIXES):
            return None
        messages.warning(
            request,
            _(
                "Your role gives access to personal data or lets you give roles to others. "
                "Turn on two-factor login first; it takes two minutes."
            ),
        )
        return redirect("mfa_activate_totp")


def _extend_idle_expiry(session) -> None:
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
