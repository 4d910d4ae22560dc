"""Logging filters (configured in settings.LOGGING)."""

import logging
import re


class ClientErrorsWithoutTraceback(logging.Filter):
    """A 4xx answer (a 403 for a page one may not open) is ordinary: one line, no traceback.

    Django logs a PermissionDenied with its traceback, so every refused click filled the
    log with a stack that says nothing; 5xx records keep theirs.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True


# Paths that carry a secret link (a family's registration, a subscription's confirmation
# or unsubscribe): whoever reads the log must not be able to use them.
SECRET_PATH = re.compile(
    r"(/(?:inschrijving|op-de-hoogte/bevestigen|op-de-hoogte/afmelden)/)[^/\s]+"
)


class SecretLinksMasked(logging.Filter):
    """'Not Found: /nl/inschrijving/<token>/' is logged as '/nl/inschrijving/…/'."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = SECRET_PATH.sub(r"\1…", message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True
