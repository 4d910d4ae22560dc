"""Two-factor login: who must use it, and whether this session did.

People who can read personal data or give roles to others (social workers,
coordinators, administrators, and partner editors: they keep registration lists with
families' names and contact details) must log in with a second factor (TOTP). The
middleware in huisvanhetkind/middleware.py enforces it on every page.
"""

from datetime import UTC, datetime

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator

from . import permissions


def second_factor_required(user) -> bool:
    """Social workers read referrals and families' questions; coordinators and
    administrators give roles; whoever keeps registration lists sees families' contact
    details (every partner editor may open a list for the offers they edit)."""
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or bool(permissions.social_worker_organisation_ids(user))
        or bool(permissions.coordinated_network_ids(user))
        or permissions.can(user, "registration.manage")
    )


def session_used_second_factor(request) -> bool:
    """True when this session passed allauth's second-factor step or set up TOTP.

    allauth keeps a record of every authentication step in the session; a
    login through the TOTP form (or a recovery code) leaves one with method
    "mfa". A session made any other way (a password-only login path, a reset
    link) has none.
    """
    records = get_authentication_records(request, request.user)
    if any(record.get("method") == "mfa" for record in records):
        return True
    return _totp_set_up_in_this_session(request, records)


def _totp_set_up_in_this_session(request, records: list[dict]) -> bool:
    """Setting up TOTP proves a code from it, as logging in with it does: count it once.

    Without this, someone who was just sent to set up TOTP would be logged out at
    once and asked to log in again with the code they have just typed.
    """
    if not records:
        return False
    logged_in_at = datetime.fromtimestamp(records[0]["at"], tz=UTC)
    totp = (
        Authenticator.objects.filter(
            user_id=request.user.pk, type=Authenticator.Type.TOTP, created_at__gte=logged_in_at
        )
        .only("id")
        .first()
    )
    if totp is None:
        return False
    record_authentication(request, request.user, "mfa", id=totp.pk, type=totp.type)
    return True


class PortalMFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Whoever must log in with a second factor cannot turn it off themselves."""
        return not second_factor_required(authenticator.user)
