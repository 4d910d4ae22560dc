"""Extra protection for people who can read referrals (professional secrecy)."""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.defaults import bad_request

from . import permissions

# Pages in the referral app that families use without an account.
PUBLIC_URL_NAMES = {"intake_new", "intake_thanks"}


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
            return bad_request(request, BadRequest("NUL byte in the request"))
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
    """Social workers must use two-factor login to reach referral pages, and their
    sessions end after REFERRAL_SESSION_IDLE_SECONDS without activity."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and permissions.social_worker_organisation_ids(user):
            request.session.set_expiry(settings.REFERRAL_SESSION_IDLE_SECONDS)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or "doorverwijzing" not in match.namespaces:
            return None
        if match.url_name in PUBLIC_URL_NAMES:
            return None
        user = request.user
        if not user.is_authenticated or not permissions.social_worker_organisation_ids(user):
            return None  # the views answer 403/404 to everyone else
        if not is_mfa_enabled(user):
            messages.warning(
                request,
                _(
                    "Referrals contain personal data under professional secrecy. "
                    "Turn on two-factor login first; it takes two minutes."
                ),
            )
            return redirect("mfa_activate_totp")
        return None
