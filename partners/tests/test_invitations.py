import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from partners.choices import Role
from partners.exceptions import InvitationError, PermissionDeniedError
from partners.invitations import invitation_send, invitations_open, role_invite

from .factories import MembershipFactory, NetworkFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(cast):
    """The cast's coordinator (conftest.py), with access to the admin."""
    user = cast.coordinator
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.network = cast.network
    return user


def _wait_for_mail(count: int = 1) -> None:
    deadline = time.monotonic() + 15
    while len(mail.outbox) < count:
        assert time.monotonic() < deadline, "the worker sent no mail"
        time.sleep(0.1)


@pytest.mark.django_db(transaction=True)
def test_coordinator_invites_a_new_partner_editor_who_gets_an_account_without_password(
    coordinator, celery_worker
):
    organisation = OrganisationFactory(networks=[coordinator.network])
    membership = role_invite(
        actor=coordinator,
        email="Nieuw@Partner.be",
        role=Role.PARTNER_EDITOR,
        organisation=organisation,
    )
    _wait_for_mail()
    user = membership.user
    assert user.email == "nieuw@partner.be"
    assert not user.has_usable_password()
    assert user.is_staff  # partner editors work in the admin
    assert len(mail.outbox) == 1
    assert "/account/password/reset/key/" in mail.outbox[0].body


def test_the_invitation_link_lets_the_new_person_choose_a_password_and_log_in(client, coordinator):
    organisation = OrganisationFactory(networks=[coordinator.network])
    membership = role_invite(
        actor=coordinator,
        email="els@partner.be",
        role=Role.SOCIAL_WORKER,
        organisation=organisation,
    )
    invitation_send(membership_id=membership.id)
    link = re.search(r"http\S+/account/password/reset/key/\S+", mail.outbox[0].body).group(0)
    path = link.split("8000", 1)[-1]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(
        form_url, {"password1": "een-nieuw-wachtwoord-7", "password2": "een-nieuw-wachtwoord-7"}
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="els@partner.be")
    assert user.check_password("een-nieuw-wachtwoord-7")
    response = client.post(
        "/nl/account/login/", {"login": "els@partner.be", "password": "een-nieuw-wachtwoord-7"}
    )
    assert client.session["_auth_user_id"] == str(user.pk)


def test_social_workers_do_not_get_admin_access(coordinator):
    organisation = OrganisationFactory(networks=[coordinator.network])
    membership = role_invite(
        actor=coordinator, email="mw@partner.be", role=Role.SOCIAL_WORKER, organisation=organisation
    )
    assert not membership.user.is_staff


def test_coordinator_cannot_invite_into_another_network(coordinator):
    with pytest.raises(PermissionDeniedError):
        role_invite(
            actor=coordinator, email="x@y.be", role=Role.COORDINATOR, network=NetworkFactory()
        )
    with pytest.raises(PermissionDeniedError):
        role_invite(
            actor=coordinator,
            email="x@y.be",
            role=Role.PARTNER_EDITOR,
            organisation=OrganisationFactory(networks=[NetworkFactory()]),
        )
    assert not get_user_model().objects.filter(email="x@y.be").exists()


def test_partner_editor_cannot_give_roles(coordinator):
    organisation = OrganisationFactory(networks=[coordinator.network])
    editor = UserFactory()
    MembershipFactory(user=editor, role=Role.PARTNER_EDITOR, organisation=organisation)
    with pytest.raises(PermissionDeniedError):
        role_invite(
            actor=editor, email="x@y.be", role=Role.SOCIAL_WORKER, organisation=organisation
        )


def test_a_role_that_does_not_fit_the_place_is_refused(coordinator):
    with pytest.raises(InvitationError):
        role_invite(
            actor=coordinator, email="x@y.be", role=Role.SOCIAL_WORKER, network=coordinator.network
        )


def test_inviting_the_same_role_twice_is_a_clear_error(coordinator):
    role_invite(actor=coordinator, email="x@y.be", role=Role.VIEWER, network=coordinator.network)
    with pytest.raises(InvitationError):
        role_invite(
            actor=coordinator, email="x@y.be", role=Role.VIEWER, network=coordinator.network
        )


def test_an_existing_user_gets_a_login_link_and_keeps_their_password(coordinator):
    existing = UserFactory(email="bestaand@partner.be")
    membership = role_invite(
        actor=coordinator,
        email="bestaand@partner.be",
        role=Role.VIEWER,
        network=coordinator.network,
    )
    invitation_send(membership_id=membership.id)
    assert membership.user == existing
    assert existing.has_usable_password()
    assert "/account/login/" in mail.outbox[-1].body


def test_open_invitations_are_those_never_logged_in_in_my_network(coordinator):
    role_invite(actor=coordinator, email="open@x.be", role=Role.VIEWER, network=coordinator.network)
    other = UserFactory(is_superuser=True)
    role_invite(actor=other, email="elders@x.be", role=Role.VIEWER, network=NetworkFactory())
    emails = [m.user.email for m in invitations_open(actor=coordinator)]
    assert emails == ["open@x.be"]


def test_invitation_is_in_the_admin_history(coordinator):
    from django.contrib.admin.models import LogEntry

    membership = role_invite(
        actor=coordinator, email="log@x.be", role=Role.VIEWER, network=coordinator.network
    )
    entry = LogEntry.objects.get(object_id=str(membership.pk))
    assert entry.user == coordinator
    assert "log@x.be" in entry.change_message


def test_invite_page_in_the_admin_sends_an_invitation(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/admin/partners/membership/invite/",
        {
            "email": "via-admin@x.be",
            "role": Role.VIEWER,
            "network": coordinator.network.pk,
        },
    )
    assert response.status_code == 302
    assert get_user_model().objects.filter(email="via-admin@x.be").exists()


def test_invite_page_shows_a_clear_message_for_a_wrong_role(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/admin/partners/membership/invite/",
        {
            "email": "fout@x.be",
            "role": Role.SOCIAL_WORKER,
            "network": coordinator.network.pk,
        },
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_invite_page_is_403_for_a_partner_editor(client):
    editor = UserFactory(is_staff=True)
    MembershipFactory(user=editor, role=Role.PARTNER_EDITOR, organisation=OrganisationFactory())
    client.force_login(editor)
    assert client.get("/admin/partners/membership/invite/").status_code == 403


# --- Who may read referrals is decided by someone else, logged and told ------------------


def test_nobody_can_invite_themself(coordinator):
    organisation = OrganisationFactory(networks=[coordinator.network])
    with pytest.raises(PermissionDeniedError):
        role_invite(
            actor=coordinator,
            email=coordinator.email.upper(),
            role=Role.SOCIAL_WORKER,
            organisation=organisation,
        )
    assert not coordinator.memberships.filter(role=Role.SOCIAL_WORKER).exists()


def test_the_admin_invite_page_refuses_a_self_invitation(client, coordinator):
    organisation = OrganisationFactory(networks=[coordinator.network])
    client.force_login(coordinator)
    response = client.post(
        "/admin/partners/membership/invite/",
        {"email": coordinator.email, "role": Role.SOCIAL_WORKER, "organisation": organisation.pk},
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not coordinator.memberships.filter(role=Role.SOCIAL_WORKER).exists()


def test_roles_are_not_added_or_edited_in_the_admin_form_but_only_by_invitation(
    client, coordinator
):
    organisation = OrganisationFactory(networks=[coordinator.network])
    colleague = MembershipFactory(role=Role.VIEWER, organisation=organisation)
    client.force_login(coordinator)
    add = {"user": coordinator.pk, "role": Role.SOCIAL_WORKER, "organisation": organisation.pk}
    assert client.post("/admin/partners/membership/add/", add).status_code == 403
    change_url = f"/admin/partners/membership/{colleague.pk}/change/"
    assert client.post(change_url, {**add, "user": coordinator.pk}).status_code == 403
    assert not coordinator.memberships.filter(role=Role.SOCIAL_WORKER).exists()
    colleague.refresh_from_db()
    assert colleague.user_id != coordinator.pk
    assert client.get("/admin/partners/membership/").status_code == 200


def test_a_grant_of_referral_access_is_in_the_organisations_history(coordinator):
    from django.contrib.admin.models import LogEntry

    organisation = OrganisationFactory(networks=[coordinator.network])
    role_invite(
        actor=coordinator, email="nieuw@ocmw.be", role=Role.SOCIAL_WORKER, organisation=organisation
    )
    entry = LogEntry.objects.get(object_id=str(organisation.pk))
    assert entry.user == coordinator
    assert "nieuw@ocmw.be" in entry.change_message


@pytest.mark.django_db(transaction=True)
def test_the_social_workers_of_the_organisation_are_told_of_a_new_colleague(
    coordinator, celery_worker
):
    organisation = OrganisationFactory(networks=[coordinator.network])
    existing = UserFactory(first_name="Ann", last_name="Peeters")
    MembershipFactory(user=existing, role=Role.SOCIAL_WORKER, organisation=organisation)
    elsewhere = UserFactory()
    MembershipFactory(user=elsewhere, role=Role.SOCIAL_WORKER, organisation=OrganisationFactory())
    editor = UserFactory()
    MembershipFactory(user=editor, role=Role.PARTNER_EDITOR, organisation=organisation)
    newcomer = UserFactory(first_name="Bart", last_name="Claes", email="bart@ocmw.be")

    role_invite(
        actor=coordinator, email=newcomer.email, role=Role.SOCIAL_WORKER, organisation=organisation
    )
    _wait_for_mail(2)  # the invitation and the notice
    time.sleep(0.5)
    notices = [m for m in mail.outbox if newcomer.email not in m.to]
    assert [m.to for m in notices] == [[existing.email]]
    body = notices[0].body
    assert "Bart Claes" in body
    assert coordinator.get_full_name() in body
    assert organisation.name in body


def test_the_new_colleague_notice_goes_out_once(coordinator):
    from partners.invitations import referral_access_granted_notify

    organisation = OrganisationFactory(networks=[coordinator.network])
    MembershipFactory(role=Role.SOCIAL_WORKER, organisation=organisation)
    membership = role_invite(
        actor=coordinator, email="twee@ocmw.be", role=Role.SOCIAL_WORKER, organisation=organisation
    )
    assert referral_access_granted_notify(membership_id=membership.id) == 1
    assert referral_access_granted_notify(membership_id=membership.id) == 0
    assert len(mail.outbox) == 1


def test_a_partner_editor_grant_tells_no_social_worker(
    coordinator, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory(networks=[coordinator.network])
    MembershipFactory(role=Role.SOCIAL_WORKER, organisation=organisation)
    with django_capture_on_commit_callbacks() as callbacks:
        role_invite(
            actor=coordinator, email="red@p.be", role=Role.PARTNER_EDITOR, organisation=organisation
        )
    assert len(callbacks) == 1  # the invitation only


def test_an_organisation_name_with_a_newline_still_gets_its_invitation_out(coordinator):
    organisation = OrganisationFactory(networks=[coordinator.network], name="A\nB")
    membership = role_invite(
        actor=coordinator, email="nieuw@ab.be", role=Role.PARTNER_EDITOR, organisation=organisation
    )
    assert invitation_send(membership_id=membership.id, language="en")
    (message,) = mail.outbox
    assert message.subject == "Invitation: Partner editor in A B"


def test_an_account_that_is_switched_off_is_not_invited_into_a_role_it_cannot_use(coordinator):
    """The invitation would reach the person, but they could not log in: refused at once,
    with what to do, and no role, no mail."""
    organisation = OrganisationFactory(networks=[coordinator.network])
    UserFactory(email="vertrokken@partner.be", is_active=False)
    with pytest.raises(InvitationError, match="uitgeschakeld"):
        role_invite(
            actor=coordinator,
            email="Vertrokken@partner.be",
            role=Role.SOCIAL_WORKER,
            organisation=organisation,
        )
    assert not organisation.memberships.exists()
    assert mail.outbox == []
