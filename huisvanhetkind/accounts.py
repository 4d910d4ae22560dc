"""Account rules: staff get accounts by invitation only, never by public sign-up."""

from allauth.account.adapter import DefaultAccountAdapter


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def get_client_ip(self, request) -> str:
        # Login rate limits count the same client as our own forms (TRUSTED_PROXIES).
        from .client_ip import client_ip

        return client_ip(request)

    def get_login_redirect_url(self, request) -> str:
        # A social worker comes to work on referrals: their inbox, what waits first.
        # Only without a "next" address (allauth follows that one first).
        from django.urls import reverse

        from . import permissions

        if permissions.social_worker_organisation_ids(request.user):
            return reverse("doorverwijzing:inbox")
        return super().get_login_redirect_url(request)
