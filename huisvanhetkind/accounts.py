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
        # Each professional lands where their day starts; a "next" address still wins
        # (allauth follows that one first). A social worker comes to work on referrals:
        # their inbox, what waits first. A coordinator's day starts in the cockpit.
        from django.urls import reverse

        from . import permissions

        if permissions.social_worker_organisation_ids(request.user):
            return reverse("doorverwijzing:inbox")
        if permissions.coordinated_network_ids(request.user):
            return reverse("dashboards:cockpit")
        return super().get_login_redirect_url(request)
