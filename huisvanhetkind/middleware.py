"""Extra protection for people who can read personal data or give roles to others."""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from . import permissions
from .second_factor import second_factor_required, session_used_second_factor

# allauth's own pages (log in and out, set up two-factor login, reset a password):
# a session that has not passed the second factor yet may use only these.
ACCOUNT_URL_PREFIXES = ("account_", "mfa_")


class ReferralRoleProtectionMiddleware:
    """A second factor for everyone who must have one, checked on every page.

    Social workers, coordinators and administrators (second_factor.py) reach no
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
            request.session.set_expiry(settings.REFERRAL_SESSION_IDLE_SECONDS)
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
