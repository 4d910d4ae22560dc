from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import audit_log
from .exceptions import DomainError
from .models import Heartbeat


def heartbeat_record(*, name: str = "beat") -> Heartbeat:
    beat, _created = Heartbeat.objects.update_or_create(
        name=name, defaults={"last_seen": timezone.now()}
    )
    return beat


# --- Accounts ---------------------------------------------------------------------


class AccountError(DomainError):
    """The account change is refused; the message says why (shown as a message, never a
    403: the administrator may manage accounts, the rule is about this one)."""


@transaction.atomic
def user_deactivate(*, actor, user) -> bool:
    """Close an account but keep the person: the access log must keep saying who read what.

    An inactive user cannot log in, and an open session of theirs stops working
    (Django's backends refuse inactive users on every request).
    """
    if user.pk == actor.pk:
        raise AccountError(_("You cannot deactivate your own account."))
    if not user.is_active:
        return False
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit_log(actor=actor, obj=user, message="Deactivated")
    return True


def user_password_reset_send(*, actor, user, request) -> None:
    """Mail the person a link to choose a new password themself.

    Administrators never set the password of someone who must log in with a
    second factor: they could then log in as them. allauth's own reset mail is
    sent, so the link and its expiry are the same as on the login page.
    """
    from allauth.account.forms import ResetPasswordForm

    form = ResetPasswordForm(data={"email": user.email})
    if not form.is_valid():
        raise AccountError(" ".join(form.errors.get("email", [])) or _("No mail was sent."))
    form.save(request)
    audit_log(actor=actor, obj=user, message="Sent a password reset link")
