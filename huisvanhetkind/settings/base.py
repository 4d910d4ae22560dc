"""Settings for every environment, read from environment variables.

Production is this module as it is: DEBUG stays off unless set, and there is no
default SECRET_KEY outside local development. The README lists every variable.
"""

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or SECRET_KEY_FILE) when DEBUG is off.")
    SECRET_KEY = "local-development-only-not-a-secret-0123456789-abcdefghijklmnop"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "modeltranslation",
    "huisvanhetkind.admin_site.PortalAdminConfig",  # django.contrib.admin
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "django_htmx",
    "csp",
    "import_export",
    "huisvanhetkind",
    "partners",
    "aanbod",
    "doorverwijzing",
    "signalen",
    "actieplan",
    "inschrijving",
    "rechten",
    "opendata",
    "dashboards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "huisvanhetkind.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "huisvanhetkind.middleware.ReferralRoleProtectionMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so it sees the exceptions of the view itself (process_exception runs bottom-up).
    "huisvanhetkind.domain_errors.DomainErrorMiddleware",
]

ROOT_URLCONF = "huisvanhetkind.urls"
WSGI_APPLICATION = "huisvanhetkind.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "huisvanhetkind.context_processors.portal",
                "huisvanhetkind.page_cache.csrf_placeholder",
            ],
        },
    },
]

# --- Database: PostgreSQL only -------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/huisvanhetkind")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        # Persistent connections, checked before reuse: a PostgreSQL restart
        # costs one reconnect instead of a 500.
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL (postgres://...).")
# Optional streaming replica for the public catalogue's reads (README, "Scaling out").
# Off unless set; huisvanhetkind.db_router keeps every write and every read inside a
# transaction on the primary.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["huisvanhetkind.db_router.PublicReadsToReplica"]
# Planner settings for every connection. The data lives in RAM or on SSD, where a random
# read costs about what a sequential one does: with PostgreSQL's default (4) the planner
# scans every offer instead of using the full-text index (a typical word over 50,000
# offers: 110 ms -> 40-70 ms, bench/README.md). More work_mem keeps a search's ranking in
# memory. JIT compiling pays for long reports, not for a page's statements: a filter over
# 17,000 of 50,000 offers crossed its cost threshold and spent ~100 ms of 170 compiling.
PG_OPTIONS = env_str("PG_OPTIONS", "-c random_page_cost=1.1 -c work_mem=16MB -c jit=off")
for _database in DATABASES.values():
    _database.setdefault("OPTIONS", {})["options"] = PG_OPTIONS
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: broker, cache and rate limits ---------------------------------------
REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")


def redis_url_for_db(url: str, db: int) -> str:
    """The same Redis server, another logical database (cache apart from broker)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{db}", parts.query, parts.fragment))


REDIS_CACHE_DB = env_int("REDIS_CACHE_DB", 1)
# Fails open (huisvanhetkind/cache.py): with Redis away pages are served uncached, never a
# 500. A short connect timeout, and no second try for a few seconds after a failure.
CACHES = {
    "default": {
        "BACKEND": "huisvanhetkind.cache.FailOpenRedisCache",
        "LOCATION": redis_url_for_db(REDIS_URL, REDIS_CACHE_DB),
        "KEY_PREFIX": "hvhk",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
    }
}
# Sessions are rows in PostgreSQL (Django's default, written out so nobody moves them to
# the cache): with Redis down people stay signed in and can still sign in.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Public pages for visitors without a session, kept rendered for a minute
# (huisvanhetkind/page_cache.py).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", default=True)

# --- Celery ----------------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The longest task (building an action plan's evidence) stays under the hard
# time limit, and the limit under Redis' visibility timeout, so an unacked
# task is only redelivered when its worker is really gone.
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
# A web request that queues a task must not hang on a Redis that is down: one short
# connect, one quick retry (a pooled connection may be stale after a Redis restart), then
# the error. huisvanhetkind/outbox.py keeps the task in the database and sends it later.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 2 * 60 * 60,
    "socket_connect_timeout": 1,
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "Europe/Brussels"
# Slow builds get their own queue and worker so reminders never wait behind a PDF: any
# task named like a build (`*.build*`, `*_build`) or of the action plan goes to
# CELERY_SLOW_QUEUE. Empty (the default) keeps every task on the default queue, which the
# one worker of `make run` and the tests consume; docker-compose sets "slow" and runs
# worker-slow for it.
CELERY_SLOW_QUEUE = env_str("CELERY_SLOW_QUEUE", "")
CELERY_TASK_ROUTES = (
    {pattern: {"queue": CELERY_SLOW_QUEUE} for pattern in ("*.build*", "*_build", "actieplan.*")}
    if CELERY_SLOW_QUEUE
    else {}
)
HEARTBEAT_INTERVAL_SECONDS = env_int("HEARTBEAT_INTERVAL_SECONDS", 30)
# Beat is "down" when the last heartbeat is older than a few missed beats.
HEARTBEAT_MAX_AGE_SECONDS = env_int("HEARTBEAT_MAX_AGE_SECONDS", 3 * HEARTBEAT_INTERVAL_SECONDS)
from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE = {
    "referral-reminders": {
        "task": "doorverwijzing.tasks.referral_reminders_scan",
        "schedule": 15 * 60,
        "options": {"expires": 15 * 60},
    },
    # Social workers who chose one mail a day about referrals (doorverwijzing/mails.py).
    "referral-daily-digest": {
        "task": "doorverwijzing.tasks.referral_daily_digest",
        "schedule": crontab(hour=7, minute=0),
    },
    "referral-retention": {
        "task": "doorverwijzing.tasks.referrals_purge",
        "schedule": crontab(hour=2, minute=15),
    },
    # Offers' filter columns (places, weekdays, evenings) follow locations and dates.
    "offer-search-reindex": {
        "task": "aanbod.tasks.search_reindex_all",
        "schedule": crontab(hour=3, minute=30),
    },
    # The open dataset as a file per language (opendata/dataset.py), after the re-index.
    "opendata-datasets": {
        "task": "opendata.tasks.datasets_build",
        "schedule": crontab(hour=4, minute=15),
    },
    # Every six months partners confirm that a published offer is still right.
    "offer-confirmation-reminders": {
        "task": "aanbod.tasks.offer_confirmation_reminders_scan",
        "schedule": crontab(hour=7, minute=45),
    },
    "agreement-reminders": {
        "task": "partners.tasks.agreement_reminders_scan",
        "schedule": crontab(hour=7, minute=30),
    },
    # Agreements and project money ending: one mail to the coordinators 3 months ahead.
    "ending-notices": {
        "task": "dashboards.tasks.ending_notices_scan",
        "schedule": crontab(hour=7, minute=35),
    },
    # Owners of actions decided in a meeting hear a few days before the due date (once).
    "decision-action-reminders": {
        "task": "partners.tasks.decision_action_reminders_scan",
        "schedule": crontab(hour=7, minute=40),
    },
    # Daily; the task itself builds only on EVIDENCE_BUILD_DATE (so the date stays a setting).
    "evidence-packs-yearly": {
        "task": "actieplan.tasks.evidence_packs_scheduled",
        "schedule": crontab(hour=5, minute=0),
    },
    # Registration for activities (inschrijving/): unclaimed seats go to the next family,
    # reminders the day before, personal data erased after the activity.
    "registration-offers-expire": {
        "task": "inschrijving.tasks.offers_expire",
        "schedule": 5 * 60,
        "options": {"expires": 5 * 60},
    },
    "registration-reminders": {
        "task": "inschrijving.tasks.reminders_scan",
        "schedule": crontab(minute=5),
    },
    "registration-retention": {
        "task": "inschrijving.tasks.registrations_purge",
        "schedule": crontab(hour=2, minute=40),
    },
    # Offers that grow with the child: the monthly mail (batched, a rerun sends nothing twice).
    "subscription-monthly-mail": {
        "task": "inschrijving.tasks.subscriptions_monthly",
        "schedule": crontab(day_of_month=1, hour=6, minute=0),
    },
    "subscription-unconfirmed-purge": {
        "task": "inschrijving.tasks.subscriptions_purge",
        "schedule": crontab(hour=2, minute=50),
    },
    # Tasks whose hand-over to the broker failed (Redis was down at commit), retries that
    # are due, and queues lost with Redis (huisvanhetkind/outbox.py).
    "outbox-drain": {
        "task": "huisvanhetkind.outbox.drain",
        "schedule": 60,
        "options": {"expires": 60},
    },
    "heartbeat": {
        "task": "huisvanhetkind.tasks.heartbeat",
        "schedule": HEARTBEAT_INTERVAL_SECONDS,
        "options": {"expires": HEARTBEAT_INTERVAL_SECONDS},
    },
}

# --- Accounts (django-allauth) ---------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_ADAPTER = "huisvanhetkind.accounts.InvitationOnlyAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Huis van het Kind] "
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
MFA_ADAPTER = "huisvanhetkind.second_factor.PortalMFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Huis van het Kind"
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- E-mail ----------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
# For EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (local testing).
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / ".data" / "mail"))
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Huis van het Kind <noreply@huisvanhetkind.test>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Languages ------------------------------------------------------------------
# Dutch is the language of local government in Flanders: always complete and
# the default. The others support it; an installation chooses which it offers.
LANGUAGE_CODE = "nl"
ALL_LANGUAGES = [
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ar", _("Arabic")),
    ("tr", _("Turkish")),
    ("uk", _("Ukrainian")),
]
_offered = set(env_list("SITE_LANGUAGES", "nl,en,fr,ar,tr,uk")) | {"nl"}
_unknown = _offered - {code for code, _name in ALL_LANGUAGES}
if _unknown:
    raise ImproperlyConfigured(f"SITE_LANGUAGES has unknown codes: {sorted(_unknown)}.")
LANGUAGES = [(code, name) for code, name in ALL_LANGUAGES if code in _offered]
MODELTRANSLATION_DEFAULT_LANGUAGE = "nl"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("nl",)
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / ".data" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / ".data" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Maps ------------------------------------------------------------------------
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
_tile_origin = "{0.scheme}://{0.netloc}".format(urlsplit(MAP_TILE_URL)) if MAP_TILE_URL else ""

# --- Security ---------------------------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies of our own stand in front of Django (docker-compose: 1, its nginx).
# Rate limits then count the address the outermost of them saw
# (huisvanhetkind/client_ip.py); 0 never reads X-Forwarded-For, which anyone can write.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
if TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured("TRUSTED_PROXIES must be 0 or more.")
# /healthz names the part that is down only to localhost or to a request with
# "Authorization: Bearer <HEALTHZ_TOKEN>"; everyone else reads ok / not ok.
HEALTHZ_TOKEN = env_str("HEALTHZ_TOKEN", "")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
CSRF_FAILURE_VIEW = "huisvanhetkind.errors.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # allauth shows the TOTP QR code as a data: image.
        "img-src": ["'self'", "data:", *([_tile_origin] if _tile_origin else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "client_errors_without_traceback": {
            "()": "huisvanhetkind.log_filters.ClientErrorsWithoutTraceback"
        },
        "secret_links_masked": {"()": "huisvanhetkind.log_filters.SecretLinksMasked"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"filters": ["client_errors_without_traceback", "secret_links_masked"]},
        "django.server": {"filters": ["secret_links_masked"]},
    },
}
DEFAULT_NETWORK_SLUG = env_str("DEFAULT_NETWORK_SLUG", "")

# --- Referrals (professional secrecy) ------------------------------------------------
# Personal data of finished referrals and of families' own questions is erased
# after these periods; the anonymous record stays for the figures.
REFERRAL_RETENTION_DAYS = env_int("REFERRAL_RETENTION_DAYS", 365)
INTAKE_RETENTION_DAYS = env_int("INTAKE_RETENTION_DAYS", 91)
# Working days before a reminder: not accepted / no first contact.
REFERRAL_ACCEPT_WORKING_DAYS = 2
REFERRAL_CONTACT_WORKING_DAYS = 5
# A referral nobody at the receiver opened after this many working days goes to the
# network's coordinators (reference only).
REFERRAL_UNOPENED_WORKING_DAYS = 2
# A referral in contact with the family this many working days after the first contact:
# the receiver is reminded to close it (the outcome counts in the figures).
REFERRAL_CLOSE_WORKING_DAYS = env_int("REFERRAL_CLOSE_WORKING_DAYS", 20)
# Steps on referrals for one person within this many minutes go out as one mail.
REFERRAL_MAIL_COALESCE_MINUTES = env_int("REFERRAL_MAIL_COALESCE_MINUTES", 10)
# Floods from many addresses: each network takes at most this many families' questions,
# and as many family signals, a day (counted in the database); then families are asked
# to phone and the coordinators are told once.
INTAKE_DAILY_CAP_PER_NETWORK = env_int("INTAKE_DAILY_CAP_PER_NETWORK", 50)
# The contact point gets at most one "new questions" mail per this many minutes.
INTAKE_MAIL_INTERVAL_MINUTES = env_int("INTAKE_MAIL_INTERVAL_MINUTES", 15)
# Searches without results: at most this many different new words a week are kept.
SEARCH_GAP_WEEKLY_CAP = env_int("SEARCH_GAP_WEEKLY_CAP", 200)
# Sessions of people who can read referrals end after this idle time.
REFERRAL_SESSION_IDLE_SECONDS = env_int("REFERRAL_SESSION_IDLE_SECONDS", 30 * 60)

# --- Registration for activities (inschrijving/) -------------------------------------
# Personal data of a registration is erased this many days after the activity; counts stay.
REGISTRATION_RETENTION_DAYS = env_int("REGISTRATION_RETENTION_DAYS", 30)
# A seat offered to the waiting list is held this long for the family to claim it.
REGISTRATION_CLAIM_HOURS = env_int("REGISTRATION_CLAIM_HOURS", 24)
# Unconfirmed subscriptions (no click on the confirmation link) are erased after this.
SUBSCRIPTION_CONFIRM_DAYS = env_int("SUBSCRIPTION_CONFIRM_DAYS", 7)
if REGISTRATION_RETENTION_DAYS < 0 or REGISTRATION_CLAIM_HOURS < 1:
    raise ImproperlyConfigured(
        "REGISTRATION_RETENTION_DAYS must be 0 or more and REGISTRATION_CLAIM_HOURS 1 or more."
    )

# --- Action plan -----------------------------------------------------------------------
# Beat builds every network's evidence pack for the coming year on this day ("MM-DD"),
# in time for the local government's budget cycle.
from datetime import date as _date  # noqa: E402

EVIDENCE_BUILD_DATE = env_str("EVIDENCE_BUILD_DATE", "10-01").strip()
try:
    _month, _day = (int(part) for part in EVIDENCE_BUILD_DATE.split("-"))
    _date(2001, _month, _day)  # not a leap year: 02-29 would build only every four years
except ValueError as _error:
    raise ImproperlyConfigured(
        f"EVIDENCE_BUILD_DATE must be a day of the year as MM-DD, not {EVIDENCE_BUILD_DATE!r}."
    ) from _error

# --- Open data (opendata: the HSDS 3.0 API and the nightly dataset) ----------------------
# Requests per minute per client address on /api/hsds/v3/ (then 429 with Retry-After).
HSDS_RATE_LIMIT_PER_MINUTE = env_int("HSDS_RATE_LIMIT_PER_MINUTE", 120)
# How long browsers, proxies and our own cache keep an API answer.
HSDS_CACHE_SECONDS = env_int("HSDS_CACHE_SECONDS", 300)
# The licence of the published data: an SPDX identifier (CC0-1.0, CC-BY-4.0, …).
OPEN_DATA_LICENCE = env_str("OPEN_DATA_LICENCE", "CC0-1.0")
# The official HSDS 3.0 JSON schemas, for the tests only; empty: search upwards for
# shared/hsds-3.0/schema (opendata/schemas.py).
HSDS_SCHEMA_DIR = env_str("HSDS_SCHEMA_DIR", "")
