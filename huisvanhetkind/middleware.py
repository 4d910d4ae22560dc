"""Extra protection for people who can read personal data or give roles to others."""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from . import errors
from .idle_sessions import extend_idle_expiry
from .second_factor import second_factor_required, session_used_second_factor

# allauth's own pages (log in and out, set up two-factor login, reset a password):
# a session that has not passed the second factor yet may use only these.
ACCOUNT_URL_PREFIXES = ("account_", "mfa_")


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
    login path other than allauth's) is ended. Their sessions also end after
    REFERRAL_SESSION_IDLE_SECONDS without activity: a screen with families' data left
    open on a shared desk closes itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and second_factor_required(user):
            extend_idle_expiry(request.session)
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
