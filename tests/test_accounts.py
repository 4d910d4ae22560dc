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
