"""Logging filters (configured in settings.LOGGING)."""

import logging


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
