"""Test support: a client whose force_login stands for a complete login.

Social workers, coordinators and administrators reach no page before their
session passed the second factor (huisvanhetkind/second_factor.py). Django's
force_login skips allauth, so this client also writes the records allauth
leaves in the session after a password and a TOTP code. Pass
`second_factor=False` for a session that skipped it. tests/test_accounts.py
goes through the real login with a real TOTP code.
"""

from types import SimpleNamespace

from allauth.account.internal.flows.login import record_authentication
from django import test


def record_session_login(request, user, *, second_factor: bool = True) -> None:
    """Write in request.session what allauth records after a password (and a TOTP code)."""
    record_authentication(request, user, "password", email=user.email)
    if second_factor:
        record_authentication(request, user, "mfa", type="totp")


def record_login(client: test.Client, user, *, second_factor: bool = True) -> None:
    session = client.session
    record_session_login(SimpleNamespace(session=session), user, second_factor=second_factor)
    session.save()


class Client(test.Client):
    def force_login(self, user, backend=None, *, second_factor: bool = True):
        super().force_login(user, backend)
        record_login(self, user, second_factor=second_factor)
