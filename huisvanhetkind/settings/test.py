"""Test settings: speed-ups only, same database engine and Redis as production."""

import os

os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: F403
from .base import REDIS_URL, redis_url_for_db

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Separate logical Redis databases, so a test run never touches a running portal.
CELERY_BROKER_URL = redis_url_for_db(REDIS_URL, 14)
CACHES["default"]["LOCATION"] = redis_url_for_db(REDIS_URL, 15)  # noqa: F405
SECURE_SSL_REDIRECT = False
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Tests see every page rendered; huisvanhetkind/tests/test_page_cache.py turns it on.
PAGE_CACHE_ENABLED = False
# Referral mails go at once (doorverwijzing/mails.py); tests of the coalescing set a window.
REFERRAL_MAIL_COALESCE_MINUTES = 0
