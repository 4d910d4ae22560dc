"""Account rules: staff get accounts by invitation only, never by public sign-up."""

from allauth.account.adapter import DefaultAccountAdapter


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def get_login_redirect_url(self, request) -> str:
        # A coordinator's working day starts in the cockpit ("?next=" still wins).
        from django.urls import reverse

        from . import permissions

        if permissions.coordinated_network_ids(request.user):
            return reverse("dashboards:cockpit")
        return super().get_login_redirect_url(request)

    def get_client_ip(self, request) -> str:
        # Login rate limits count the same client as our own forms (TRUSTED_PROXIES).
        from .client_ip import client_ip

        return client_ip(request)
