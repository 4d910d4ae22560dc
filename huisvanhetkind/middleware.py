"""Extra protection for people who can read referrals (professional secrecy)."""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from . import permissions

# Pages in the referral app that families use without an account.
PUBLIC_URL_NAMES = {"intake_new", "intake_thanks"}


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
