"""Granting roles by invitation: the only way staff get an account (no public sign-up)."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from huisvanhetkind import permissions
from huisvanhetkind.audit import ADDITION, audit_log
from huisvanhetkind.mail import mail_subject

from .choices import NETWORK_ROLES, ORGANISATION_ROLES, STAFF_ROLES, Role
from .exceptions import InvitationError, PermissionDeniedError
from .models import Membership, Network, Organisation

# Roles that open referrals and families' questions (huisvanhetkind/permissions.py).
REFERRAL_READING_ROLES = {Role.SOCIAL_WORKER}


def _may_grant(actor, *, network: Network | None, organisation: Organisation | None) -> bool:
    if network is not None:
        return permissions.can(actor, "network.manage", network)
    return permissions.can(actor, "membership.grant", organisation)


@transaction.atomic
def invitation_place_problem(*, role: str, has_network: bool, has_organisation: bool) -> str:
    """What to choose when role and place do not go together ("" when they do).

    One home for the message the admin form and the service show: it names the role
    and says which field to fill, instead of only "this role does not fit there".
    """
    label = str(Role(role).label) if role in Role.values else role
    label = label[:1].lower() + label[1:]  # in the middle of a sentence
    if has_network and has_organisation:
        return _("Choose a network or an organisation, not both.")
    if not has_network and not has_organisation:
        if role in NETWORK_ROLES - ORGANISATION_ROLES:
            return _("A %(role)s works for the whole network: choose the network.") % {
                "role": label
            }
        if role in ORGANISATION_ROLES - NETWORK_ROLES:
            return _("A %(role)s works for one partner: choose the organisation.") % {"role": label}
        return _(
            "Choose the network (to read the whole network) or one organisation "
            "(to read only that partner)."
        )
    if has_network and role not in NETWORK_ROLES:
        return _(
            "A %(role)s works for one partner: leave the network empty and choose the organisation."
        ) % {"role": label}
    if has_organisation and role not in ORGANISATION_ROLES:
        return _(
            "A %(role)s works for the whole network: leave the organisation empty and "
            "choose the network."
        ) % {"role": label}
    return ""


def role_invite(
    *,
    actor,
    email: str,
    role: str,
    network: Network | None = None,
    organisation: Organisation | None = None,
    first_name: str = "",
    last_name: str = "",
) -> Membership:
    """Give `email` a role in a network or organisation and mail them an invitation.

    A new person gets an account without a password; the mail's link lets them
    choose one (allauth's password-reset key), which also proves the address.
    """
    email = email.strip().lower()
    problem = invitation_place_problem(
        role=role, has_network=network is not None, has_organisation=organisation is not None
    )
    if problem:
        raise InvitationError(problem)
    if not _may_grant(actor, network=network, organisation=organisation):
        raise PermissionDeniedError(_("You cannot give roles there."))

    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=email).first()
    if email == (actor.email or "").strip().lower() or (user is not None and user.pk == actor.pk):
        # Who may read referrals is decided by someone else, never by oneself.
        raise PermissionDeniedError(
            _("Nobody can give a role to themself. Ask another coordinator or an administrator.")
        )
    if user is not None and not user.is_active:
        # The mail would reach them, but they could not log in: the role would end nowhere.
        raise InvitationError(
            _(
                "The account of %(email)s is switched off. They cannot log in. "
                "Ask an administrator to switch it on first."
            )
            % {"email": email}
        )
    if user is None:
        user = user_model(
            email=email, username=_free_username(email), first_name=first_name, last_name=last_name
        )
        user.set_unusable_password()
        user.save()
    if role in STAFF_ROLES and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user,
                role=role,
                network=network,
                organisation=organisation,
                invited_by=actor,
            )
    except IntegrityError as error:
        raise InvitationError(_("This person already has this role there.")) from error
    audit_log(
        actor=actor, obj=membership, flag=ADDITION, message=f"Invited {email} as {Role(role).label}"
    )
    from huisvanhetkind import outbox

    from .tasks import invitation_send_task, referral_access_granted_notify_task

    language = translation.get_language() or "nl"
    outbox.enqueue(invitation_send_task, membership.id, language)
    if role in REFERRAL_READING_ROLES:
        audit_log(
            actor=actor,
            obj=organisation,
            message=f"{email} may now read this organisation's referrals ({Role(role).label})",
        )
        outbox.enqueue(referral_access_granted_notify_task, membership.id, language)
    return membership


def referral_access_granted_notify(*, membership_id: int, language: str = "nl") -> int:
    """Tell the organisation's other social workers that a colleague may now read its referrals.

    Only the new colleague's name and who granted it: no family data. Once per
    role (claimed with a conditional update), so a retried task sends nothing twice.
    """
    claimed = Membership.objects.filter(id=membership_id, colleagues_told_at=None).update(
        colleagues_told_at=timezone.now()
    )
    if not claimed:
        return 0
    membership = Membership.objects.select_related("user", "organisation", "invited_by").get(
        id=membership_id
    )
    colleagues = (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation_id=membership.organisation_id,
            memberships__role__in=REFERRAL_READING_ROLES,
        )
        .exclude(pk=membership.user_id)
        .distinct()
    )
    context = {
        "colleague": _display_name(membership.user),
        "granted_by": _display_name(membership.invited_by) if membership.invited_by else "",
        "organisation": membership.organisation,
        "link": settings.SITE_URL + reverse("account_login"),
    }
    sent = 0
    for colleague in colleagues:
        with translation.override(language):
            send_mail(
                subject=_("A new colleague can read your organisation's referrals"),
                message=render_to_string("partners/email/referral_access_granted.txt", context),
                from_email=None,
                recipient_list=[colleague.email],
            )
        sent += 1
    return sent


def _display_name(user) -> str:
    return user.get_full_name() or user.email


def _free_username(email: str) -> str:
    base = email.split("@")[0][:140] or "gebruiker"
    user_model = get_user_model()
    candidate, counter = base, 1
    while user_model.objects.filter(username=candidate).exists():
        counter += 1
        candidate = f"{base}{counter}"
    return candidate


def invitation_send(*, membership_id: int, language: str = "nl") -> bool:
    """Mail the invitation. Safe to repeat: a repeat only sends a fresh link."""
    membership = (
        Membership.objects.select_related("user", "network", "organisation", "invited_by")
        .filter(id=membership_id)
        .first()
    )
    if membership is None:
        return False
    user = membership.user
    if user.has_usable_password():
        link = settings.SITE_URL + reverse("account_login")
    else:
        with translation.override(language):
            path = reverse(
                "account_reset_password_from_key",
                kwargs={
                    "uidb36": user_pk_to_url_str(user),
                    "key": default_token_generator.make_token(user),
                },
            )
        link = settings.SITE_URL + path
    with translation.override(language):
        context = {
            "membership": membership,
            "link": link,
            "place": membership.network or membership.organisation,
        }
        send_mail(
            subject=mail_subject(
                _("Invitation: %(role)s in %(place)s")
                % {"role": membership.get_role_display(), "place": context["place"]}
            ),
            message=render_to_string("partners/email/invitation.txt", context),
            from_email=None,
            recipient_list=[user.email],
        )
    return True


def invitations_open(*, actor):
    """Roles granted by invitation whose person never logged in yet, in the actor's scope."""
    queryset = Membership.objects.filter(invited_by__isnull=False, user__last_login__isnull=True)
    return permissions.scope(actor, queryset, "membership.manage").select_related(
        "user", "network", "organisation"
    )
