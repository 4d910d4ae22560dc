import pytest
from django.contrib.auth import get_user_model
from django.core import mail

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord-42"


@pytest.fixture
def staff_user():
    user = get_user_model().objects.create_user(
        username="els", email="els@partner.be", password=PASSWORD
    )
    return user


def test_public_sign_up_is_closed(client):
    response = client.post(
        "/nl/account/signup/",
        {"email": "nieuw@example.be", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(email="nieuw@example.be").exists()


def test_login_is_by_email(client, staff_user):
    response = client.post("/nl/account/login/", {"login": "els@partner.be", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)


def test_login_by_username_is_refused(client, staff_user):
    response = client.post("/nl/account/login/", {"login": "els", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_login_page_is_in_dutch_in_our_layout(client):
    response = client.get("/nl/account/login/")
    content = response.content.decode()
    assert '<html lang="nl"' in content
    assert "Inloggen" in content
    assert 'id="main"' in content


def test_repeated_failed_logins_are_rate_limited_in_redis(client, staff_user):
    for _attempt in range(6):
        client.post("/nl/account/login/", {"login": "els@partner.be", "password": "fout"})
    # Even the right password is refused while the limit holds.
    response = client.post("/nl/account/login/", {"login": "els@partner.be", "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_mail_with_a_link(client, staff_user):
    response = client.post("/nl/account/password/reset/", {"email": "els@partner.be"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/account/password/reset/key/" in mail.outbox[0].body


def test_totp_setup_is_available_to_every_logged_in_user(client, staff_user):
    client.force_login(staff_user)
    # Turning on MFA asks for the password again (allauth's reauthentication).
    response = client.get("/nl/account/2fa/totp/activate/")
    assert "/account/reauthenticate/" in response["Location"]
    client.post(response["Location"], {"password": PASSWORD})
    response = client.get("/nl/account/2fa/totp/activate/")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="code"' in content
    assert "data:image/svg+xml" in content  # the QR code, allowed by our CSP


def test_totp_setup_needs_a_login(client):
    response = client.get("/nl/account/2fa/totp/activate/")
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


# --- One login for everyone, with a second factor for sensitive roles ---------------------

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
INBOX = "/nl/doorverwijzingen/"


def _current_code(secret: str = TOTP_SECRET) -> str:
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def _with_totp(user, secret: str = TOTP_SECRET):
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, secret)
    return user


@pytest.fixture
def staff_worker(cast):
    """The cast's social worker, who also edits the organisation's offers in the admin."""
    from partners.choices import Role
    from partners.tests.factories import MembershipFactory, staff

    worker = staff(cast.social_worker)
    MembershipFactory(user=worker, role=Role.PARTNER_EDITOR, organisation=cast.organisation)
    return worker


@pytest.fixture
def coordinator(cast):
    """The cast's coordinator, with the staff account the invitation gives."""
    from partners.tests.factories import staff

    return staff(cast.coordinator)


def _superuser():
    from partners.tests.factories import UserFactory

    return UserFactory(is_staff=True, is_superuser=True, email="beheer@netwerk.be")


def _log_in_with_password(client, email: str, next_url: str = "/nl/"):
    return client.post(
        f"/nl/account/login/?next={next_url}", {"login": email, "password": PASSWORD}
    )


def test_the_admin_login_hands_over_to_the_one_login(client):
    response = client.get("/admin/login/?next=/admin/partners/")
    assert response.status_code == 302
    assert response["Location"] == "/nl/account/login/?next=%2Fadmin%2Fpartners%2F"


def test_the_admin_login_ignores_a_foreign_next(client):
    response = client.get("/admin/login/?next=https://evil.example/")
    assert response["Location"] == "/nl/account/login/?next=%2Fadmin%2F"


def test_a_password_posted_to_the_admin_login_logs_nobody_in(client, staff_worker):
    worker = _with_totp(staff_worker)
    client.post("/admin/login/", {"username": worker.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert client.get(INBOX).status_code == 302
    assert client.get("/admin/").status_code == 302


def test_password_alone_opens_neither_referrals_nor_the_admin_for_a_worker_with_totp(
    client, staff_worker
):
    worker = _with_totp(staff_worker)
    response = _log_in_with_password(client, worker.email, "/admin/")
    assert "/account/2fa/authenticate/" in response["Location"]
    assert "_auth_user_id" not in client.session
    for url in (INBOX, "/nl/doorverwijzingen/vragen/", "/admin/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/login/" in response["Location"], url


def test_completing_the_totp_code_opens_the_inbox_and_the_admin(client, staff_worker):
    worker = _with_totp(staff_worker)
    response = _log_in_with_password(client, worker.email, INBOX)
    response = client.post(response["Location"], {"code": _current_code()})
    assert response.status_code == 302
    assert response["Location"] == INBOX
    assert client.get(INBOX).status_code == 200
    assert client.get("/admin/").status_code == 200


def test_a_wrong_totp_code_opens_nothing(client, staff_worker):
    worker = _with_totp(staff_worker)
    response = _log_in_with_password(client, worker.email, INBOX)
    client.post(response["Location"], {"code": "000000"})
    assert "_auth_user_id" not in client.session
    assert client.get(INBOX).status_code == 302


def test_a_session_that_skipped_the_second_factor_is_ended(client, staff_worker):
    worker = _with_totp(staff_worker)
    client.force_login(worker, second_factor=False)  # e.g. a login path that is not allauth's
    response = client.get(INBOX)
    assert response.status_code == 302
    assert response["Location"].startswith("/nl/account/login/?next=")
    assert "_auth_user_id" not in client.session
    client.force_login(worker, second_factor=False)
    assert client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("who", ["coordinator", "superuser"])
def test_a_coordinator_or_administrator_without_totp_is_sent_to_set_it_up(client, request, who):
    user = request.getfixturevalue("coordinator") if who == "coordinator" else _superuser()
    response = _log_in_with_password(client, user.email, "/admin/")
    assert client.session["_auth_user_id"] == str(user.pk)
    for url in ("/admin/", "/admin/partners/membership/invite/", "/nl/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/nl/account/2fa/totp/activate/", url


def test_a_social_worker_without_totp_is_sent_to_set_it_up_on_every_page(client, cast):
    client.force_login(cast.social_worker, second_factor=False)
    for url in (INBOX, "/nl/groepen/"):
        response = client.get(url)
        assert response["Location"] == "/nl/account/2fa/totp/activate/", url


def test_setting_up_totp_counts_as_the_second_factor(client, coordinator):
    from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY

    _log_in_with_password(client, coordinator.email)
    response = client.get("/nl/account/2fa/totp/activate/")
    client.post(response["Location"], {"password": PASSWORD})  # reauthenticate
    client.get("/nl/account/2fa/totp/activate/")
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post("/nl/account/2fa/totp/activate/", {"code": _current_code(secret)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.session["_auth_user_id"] == str(coordinator.pk)


def test_a_partner_editor_must_set_up_a_second_factor(client, cast):
    # Partner editors keep registration lists: families' names, phones and e-mails.
    from partners.tests.factories import staff

    editor = staff(cast.owner)
    _log_in_with_password(client, editor.email)
    assert client.session["_auth_user_id"] == str(editor.pk)
    for url in ("/admin/", "/nl/inschrijvingen/", "/nl/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/nl/account/2fa/totp/activate/", url


def test_a_viewer_needs_no_second_factor(client, cast):
    from partners.tests.factories import staff

    viewer = staff(cast.viewer)
    _log_in_with_password(client, viewer.email)
    assert client.get("/admin/").status_code == 200


def test_who_must_use_a_second_factor_cannot_turn_it_off(client, staff_worker):
    worker = _with_totp(staff_worker)
    response = _log_in_with_password(client, worker.email)
    client.post(response["Location"], {"code": _current_code()})
    client.post("/nl/account/reauthenticate/", {"password": PASSWORD})
    client.post("/nl/account/2fa/totp/deactivate/", {})
    from allauth.mfa.utils import is_mfa_enabled

    assert is_mfa_enabled(worker)


def test_repeated_wrong_passwords_through_the_admin_login_are_limited(client, staff_worker):
    worker = staff_worker
    login_url = client.get("/admin/login/?next=/admin/")["Location"]
    for _attempt in range(6):
        client.post(login_url, {"login": worker.email, "password": "fout"})
    response = client.post(login_url, {"login": worker.email, "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


def test_the_admin_logout_goes_through_allauth(client, staff_worker):
    editor = staff_worker
    client.force_login(editor)
    response = client.post("/admin/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_someone_logged_in_without_admin_rights_gets_403_not_a_redirect_loop(client, cast):
    client.force_login(cast.social_worker)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
