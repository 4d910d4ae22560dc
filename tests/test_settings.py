import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from huisvanhetkind.settings.env import env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "x7#Qp!2vZr9@Lm4$Tn8&Ws1^Yb6*Kc3(Hd5)Jf0-Ge_Ua+Io=Ex",
    "ALLOWED_HOSTS": "portaal.example.be",
    "SITE_URL": "https://portaal.example.be",
    "DJANGO_SETTINGS_MODULE": "huisvanhetkind.settings.base",
}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    dropped = {"DEBUG", "SECRET_KEY", "SITE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_deploy_is_silent_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "WARNING" not in result.stderr + result.stdout


@pytest.mark.parametrize("site_url", ["", "http://127.0.0.1:8000", "http://localhost", "portaal"])
def test_check_deploy_refuses_a_site_url_that_mails_cannot_link_to(site_url):
    result = _manage("check", "--deploy", **{**PRODUCTION_ENV, "SITE_URL": site_url})
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr


def test_check_deploy_without_site_url_says_so():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SITE_URL"}
    result = _manage("check", "--deploy", **env)
    assert result.returncode != 0
    assert "huisvanhetkind.E00" in result.stderr


def test_production_refuses_to_start_without_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = _manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_sqlite_database_url_is_refused():
    result = _manage("check", DEBUG="true", DATABASE_URL="sqlite:///db.sqlite3")
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_unknown_site_language_is_refused():
    result = _manage("check", DEBUG="true", SITE_LANGUAGES="nl,xx")
    assert result.returncode != 0
    assert "SITE_LANGUAGES" in result.stderr


def test_env_bool_fails_loudly_on_a_typo(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "yess")
    with pytest.raises(ImproperlyConfigured):
        env_bool("SOME_FLAG")


def test_env_int_fails_loudly_on_text(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "sixty")
    with pytest.raises(ImproperlyConfigured):
        env_int("SOME_NUMBER", 1)


def test_env_str_reads_a_secret_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("SOME_SECRET_FILE", str(secret))
    assert env_str("SOME_SECRET") == "from-a-file"


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("SOME_HOSTS", " a.be, b.be ,,")
    assert env_list("SOME_HOSTS") == ["a.be", "b.be"]


def test_database_connections_survive_a_restart(settings):
    database = settings.DATABASES["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["CONN_HEALTH_CHECKS"] is True


def test_celery_is_configured_for_reliable_delivery(settings):
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert visibility > settings.CELERY_TASK_TIME_LIMIT
    assert "heartbeat" in settings.CELERY_BEAT_SCHEDULE
