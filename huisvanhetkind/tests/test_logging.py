"""The log says what matters: an ordinary 403 is one line, a 500 keeps its traceback."""

import logging
import sys

import pytest

from huisvanhetkind.log_filters import ClientErrorsWithoutTraceback
from partners.tests.factories import UserFactory


@pytest.mark.django_db
def test_a_403_is_logged_as_one_line_without_a_traceback(client, caplog):
    client.force_login(UserFactory())  # no role: may not edit offers
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/nl/mijn-aanbod/")
    assert response.status_code == 403
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == "Forbidden (Permission denied): /nl/mijn-aanbod/"
    assert record.exc_info is None
    assert "Traceback" not in caplog.text


def test_a_server_error_keeps_its_traceback():
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error", (), None
        )
        record.exc_info = sys.exc_info()
    record.status_code = 500
    assert ClientErrorsWithoutTraceback().filter(record)
    assert record.exc_info is not None


def test_a_secret_link_in_a_log_line_is_masked():
    from huisvanhetkind.log_filters import SecretLinksMasked

    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "%s: %s",
        ("Method Not Allowed (GET)", "/nl/inschrijving/R7KQ2MX-4f9a8b7c6d5e/annuleren/"),
        None,
    )
    assert SecretLinksMasked().filter(record)
    assert record.getMessage() == "Method Not Allowed (GET): /nl/inschrijving/…/annuleren/"
    other = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/nl/zoeken/",), None
    )
    SecretLinksMasked().filter(other)
    assert other.getMessage() == "Not Found: /nl/zoeken/"
