"""The admin of accounts: secrets never shown, passwords not set for others, delete → deactivate."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.core import mail

from doorverwijzing.choices import AccessAction
from doorverwijzing.services import access_log_record
from doorverwijzing.tests.factories import ReferralFactory
from partners.choices import Role
from partners.tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture
def administrator(client):
    user = UserFactory(is_staff=True, is_superuser=True, email="beheer@netwerk.be")
    client.force_login(user)
    return user


@pytest.fixture
def worker(cast):
    """The cast's social worker (conftest.py), with the second factor their role requires."""
    worker = cast.social_worker
    worker.organisation = cast.organisation
    TOTP.activate(worker, SECRET)
    return worker


def test_totp_secrets_are_not_in_the_admin(client, administrator, worker):
    authenticator = Authenticator.objects.get(user=worker)
    pages = [
        "/admin/mfa/authenticator/",
        f"/admin/mfa/authenticator/{authenticator.pk}/change/",
        f"/admin/mfa/authenticator/{authenticator.pk}/delete/",
        f"/admin/auth/user/{worker.pk}/change/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET not in response.content.decode(), url
        assert "JBSWY3DP" not in response.content.decode(), url


def test_the_secret_cannot_be_guessed_through_a_list_filter(client, administrator, worker):
    response = client.get("/admin/mfa/authenticator/?data__icontains=JBSW")
    assert response.status_code == 400


def test_an_authenticator_cannot_be_changed_or_added_in_the_admin(client, administrator, worker):
    authenticator = Authenticator.objects.get(user=worker)
    url = f"/admin/mfa/authenticator/{authenticator.pk}/change/"
    client.post(url, {"user": administrator.pk, "type": "totp", "data": '{"secret": "X"}'})
    authenticator.refresh_from_db()
    assert authenticator.user == worker
    assert client.get("/admin/mfa/authenticator/add/").status_code == 403


def test_an_administrator_cannot_set_a_social_workers_password(client, administrator, worker):
    url = f"/admin/auth/user/{worker.pk}/password/"
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/auth/user/{worker.pk}/change/"
    new = {"password1": "een-ander-wachtwoord-9", "password2": "een-ander-wachtwoord-9"}
    response = client.post(url, {**new, "usable_password": "true"}, follow=True)
    worker.refresh_from_db()
    assert worker.check_password("een-lang-wachtwoord-42")
    assert "link" in response.content.decode()


def test_an_administrator_cannot_change_a_social_workers_email(client, administrator, worker):
    response = client.get(f"/admin/auth/user/{worker.pk}/change/")
    assert 'name="email"' not in response.content.decode()


def test_an_administrator_cannot_set_a_partner_editors_password_either(client, administrator):
    # Partner editors keep registration lists with families' contact details.
    editor = UserFactory()
    MembershipFactory(user=editor, role=Role.PARTNER_EDITOR, organisation=OrganisationFactory())
    response = client.get(f"/admin/auth/user/{editor.pk}/password/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/auth/user/{editor.pk}/change/"


def test_an_administrator_can_still_set_a_viewers_password(client, administrator):
    viewer = UserFactory()
    MembershipFactory(user=viewer, role=Role.VIEWER, organisation=OrganisationFactory())
    assert client.get(f"/admin/auth/user/{viewer.pk}/password/").status_code == 200


def test_the_administrator_mails_a_reset_link_instead(client, administrator, worker):
    response = client.post(
        "/admin/auth/user/",
        {"action": "send_password_reset_links", "_selected_action": [worker.pk]},
    )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[worker.email]]
    assert "/account/password/reset/key/" in mail.outbox[0].body
    assert LogEntry.objects.filter(object_id=str(worker.pk), user=administrator).exists()


def test_accounts_are_not_added_in_the_admin(client, administrator):
    assert client.get("/admin/auth/user/add/").status_code == 403


def test_deleting_a_user_in_the_access_log_is_refused_with_a_reason(client, administrator, worker):
    referral = ReferralFactory(receiving_organisation=worker.organisation)
    access_log_record(referral=referral, actor=worker, action=AccessAction.READ)
    response = client.post(f"/admin/auth/user/{worker.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200
    assert "deactiv" in response.content.decode().lower()
    assert type(worker).objects.filter(pk=worker.pk).exists()
    response = client.post(
        "/admin/auth/user/",
        {"action": "delete_selected", "_selected_action": [worker.pk], "post": "yes"},
    )
    assert response.status_code == 200
    assert type(worker).objects.filter(pk=worker.pk).exists()


def test_a_user_never_in_the_access_log_can_still_be_deleted(client, administrator):
    user = UserFactory()
    response = client.post(f"/admin/auth/user/{user.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not type(user).objects.filter(pk=user.pk).exists()


def test_deactivate_keeps_the_user_and_ends_their_access(client, administrator, worker):
    from huisvanhetkind.testing import Client

    referral = ReferralFactory(receiving_organisation=worker.organisation)
    access_log_record(referral=referral, actor=worker, action=AccessAction.READ)
    workers_browser = Client()
    workers_browser.force_login(worker)
    assert workers_browser.get("/nl/doorverwijzingen/").status_code == 200

    response = client.post(
        "/admin/auth/user/", {"action": "deactivate_users", "_selected_action": [worker.pk]}
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert not worker.is_active
    assert referral.access_log.get().actor == worker
    assert workers_browser.get("/nl/doorverwijzingen/").status_code == 302
    assert LogEntry.objects.filter(object_id=str(worker.pk), change_message="Deactivated").exists()


def test_an_administrator_cannot_deactivate_themself(client, administrator):
    response = client.post(
        "/admin/auth/user/",
        {"action": "deactivate_users", "_selected_action": [administrator.pk]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    administrator.refresh_from_db()
    assert administrator.is_active
    assert [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)] == [
        ("warning", "You cannot deactivate your own account."),
        ("info", "0 account(s) deactivated."),
    ]


def test_deactivating_an_inactive_account_again_does_not_count_it(client, administrator):
    user = UserFactory(is_active=False)
    response = client.post(
        "/admin/auth/user/",
        {"action": "deactivate_users", "_selected_action": [user.pk]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["0 account(s) deactivated."]


def test_accounts_are_for_administrators_only_whatever_django_permissions_say(client, cast):
    """The registry's "accounts.manage" decides, not Django's model permissions: a
    coordinator given every permission on accounts still does not reach them."""
    from django.contrib.auth.models import Permission

    coordinator = cast.coordinator
    coordinator.is_staff = True
    coordinator.save()
    coordinator.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["auth", "account", "mfa"])
    )
    client.force_login(coordinator)
    index = client.get("/admin/")
    assert index.status_code == 200
    index = index.content.decode()
    assert "/admin/partners/" in index
    assert "/admin/auth/" not in index
    assert "/admin/mfa/" not in index
    for url in ["/admin/auth/user/", "/admin/account/emailaddress/", "/admin/mfa/authenticator/"]:
        assert client.get(url).status_code == 403, url
    assert client.get(f"/admin/auth/user/{coordinator.pk}/change/").status_code == 403


def test_administrators_manage_accounts_without_django_groups(client, administrator):
    for url in ["/admin/auth/user/", "/admin/account/emailaddress/", "/admin/mfa/authenticator/"]:
        assert client.get(url).status_code == 200, url
    change = client.get(f"/admin/auth/user/{administrator.pk}/change/").content.decode()
    assert 'name="is_superuser"' in change
    assert 'name="groups"' not in change
    assert 'name="user_permissions"' not in change
    assert client.get("/admin/auth/group/").status_code == 404


@pytest.mark.parametrize("who", ["coordinator", "far_coordinator", "viewer", "owner"])
def test_the_password_page_tells_staff_without_accounts_manage_nothing(client, cast, worker, who):
    """Before the permission check, the password page of someone who must use a second
    factor answered with a message naming them: any staff member could walk the ids
    and read every social worker's, coordinator's and partner editor's name."""
    staff = cast[who]
    staff.is_staff = True
    staff.save()
    worker.first_name, worker.last_name = "Geheime", "Maatschappelijk-Werker"
    worker.save()
    client.force_login(staff)
    response = client.get(f"/admin/auth/user/{worker.pk}/password/")
    assert response.status_code == 403
    assert "messages" not in response.cookies
    assert "Geheime" not in client.get("/admin/").content.decode()
    response = client.post(
        f"/admin/auth/user/{worker.pk}/password/",
        {"password1": "x-wachtwoord-9!", "password2": "x-wachtwoord-9!", "usable_password": "true"},
    )
    assert response.status_code == 403


def test_an_administrator_cannot_give_a_social_worker_an_address(client, administrator, worker):
    """The user form keeps the address of someone who must use a second factor, and so
    must allauth's address admin: a verified address added or changed there receives the
    password-reset link (the login page's "forgot password" looks addresses up there)."""
    from allauth.account.models import EmailAddress

    own = EmailAddress.objects.create(user=worker, email=worker.email, verified=True, primary=True)
    response = client.post(
        "/admin/account/emailaddress/add/",
        {"user": worker.pk, "email": "boef@example.be", "verified": "on"},
    )
    assert response.status_code == 200
    assert "user" in response.context["adminform"].form.errors
    url = f"/admin/account/emailaddress/{own.pk}/change/"
    client.post(url, {"user": worker.pk, "email": "boef@example.be", "verified": "on"})
    assert not EmailAddress.objects.filter(email="boef@example.be").exists()
    # Nor by moving an address of someone unprotected over to them.
    viewer = UserFactory()
    theirs = EmailAddress.objects.create(user=viewer, email="kijker@example.be", verified=True)
    response = client.post(
        f"/admin/account/emailaddress/{theirs.pk}/change/",
        {"user": worker.pk, "email": "kijker@example.be", "verified": "on"},
    )
    assert response.status_code == 200
    theirs.refresh_from_db()
    assert theirs.user == viewer
    # Someone without a second factor to protect keeps the admin's help.
    response = client.post(
        f"/admin/account/emailaddress/{theirs.pk}/change/",
        {"user": viewer.pk, "email": "kijker2@example.be", "verified": "on"},
    )
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.email == "kijker2@example.be"


def test_an_administrator_cannot_delete_or_verify_a_social_workers_address(
    client, administrator, worker
):
    from allauth.account.models import EmailAddress

    own = EmailAddress.objects.create(user=worker, email=worker.email, verified=True)
    unverified = EmailAddress.objects.create(user=worker, email="tweede@example.be")
    assert (
        client.post(f"/admin/account/emailaddress/{own.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert EmailAddress.objects.filter(pk=own.pk).exists()
    other = EmailAddress.objects.create(user=UserFactory(), email="ander@example.be")
    client.post(
        "/admin/account/emailaddress/",
        {"action": "make_verified", "_selected_action": [unverified.pk, other.pk]},
    )
    unverified.refresh_from_db()
    other.refresh_from_db()
    assert (unverified.verified, other.verified) == (False, True)
