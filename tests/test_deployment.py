"""No Docker engine runs here: check that compose, Dockerfile and settings agree."""

import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SETTINGS_SOURCE = (ROOT / "huisvanhetkind/settings/base.py").read_text()
README = (ROOT / "README.md").read_text()
SETTINGS_VARIABLES = set(re.findall(r'env_\w+\(\s*"([A-Z_]+)"', SETTINGS_SOURCE))


def test_compose_has_web_workers_beat_postgres_redis_proxy_and_migrate():
    assert set(COMPOSE["services"]) == {
        "migrate",
        "web",
        "proxy",
        "worker",
        "worker-slow",
        "beat",
        "db",
        "redis",
    }


def test_compose_scales_web_and_workers_without_clashing():
    services = COMPOSE["services"]
    for name in ("web", "worker", "worker-slow"):
        assert "container_name" not in services[name], name
        assert "ports" not in services[name], name
    assert services["proxy"]["image"].startswith("nginx:")
    assert "migrate" in services["web"]["depends_on"]
    assert "--queues slow" in services["worker-slow"]["command"]
    assert services["worker"]["environment"]["CELERY_SLOW_QUEUE"] == "slow"


def test_compose_runs_postgres_18_and_redis_7_that_keeps_its_queue():
    services = COMPOSE["services"]
    assert services["db"]["image"] == "postgres:18"
    assert services["redis"]["image"].startswith("redis:7")
    assert "--appendonly yes" in services["redis"]["command"]
    assert "--maxmemory-policy noeviction" in services["redis"]["command"]


def test_compose_services_have_health_checks_and_volumes():
    services = COMPOSE["services"]
    for name in ("web", "worker", "worker-slow", "proxy", "db", "redis"):
        assert "healthcheck" in services[name], name
    assert {"postgres", "redis", "media"} <= set(COMPOSE["volumes"])


def test_compose_commands_start_the_celery_app_and_wsgi_app_that_exist():
    services = COMPOSE["services"]
    assert "celery -A huisvanhetkind worker" in services["worker"]["command"]
    assert "celery -A huisvanhetkind worker" in services["worker-slow"]["command"]
    assert "manage.py migrate" in services["migrate"]["command"]
    assert "celery -A huisvanhetkind beat" in services["beat"]["command"]
    assert "huisvanhetkind.wsgi:application" in services["web"]["command"]
    assert (ROOT / "huisvanhetkind/wsgi.py").exists()
    assert (ROOT / "huisvanhetkind/celery.py").exists()


def test_compose_variables_are_settings_the_portal_reads():
    for name in ("migrate", "web", "worker", "worker-slow", "beat"):
        environment = COMPOSE["services"][name]["environment"]
        assert set(environment) <= SETTINGS_VARIABLES, name
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["DATABASE_URL"].split("@")[1].startswith("db:")
        assert environment["REDIS_URL"].startswith("redis://redis:")


def test_env_example_lists_only_settings_the_portal_reads():
    names = {
        line.lstrip("# ").split("=")[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if "=" in line and not line.startswith("# Copy")
    }
    assert names <= SETTINGS_VARIABLES


def test_every_setting_variable_is_documented_in_the_readme():
    missing = {name for name in SETTINGS_VARIABLES if f"`{name}`" not in README}
    assert not missing


def test_dockerfile_runs_gunicorn_as_a_non_root_user_with_collected_static():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("# ") and "FROM python:3.11-slim" in dockerfile
    assert "USER portal" in dockerfile
    assert "collectstatic" in dockerfile
    assert "gunicorn" in dockerfile


def test_compose_trusts_exactly_its_own_nginx_for_the_client_address():
    assert COMPOSE["services"]["web"]["environment"]["TRUSTED_PROXIES"] == "1"
    proxy = COMPOSE["configs"]["proxy"]["content"]
    assert "X-Forwarded-For $$proxy_add_x_forwarded_for" in proxy


def test_compose_runs_the_portal_as_a_database_owner_that_is_no_superuser():
    services = COMPOSE["services"]
    database = services["db"]["environment"]
    app_user = database["APP_DB_USER"]
    assert database["POSTGRES_USER"] != app_user
    assert "POSTGRES_PASSWORD" not in database  # from a secret file, not the environment
    assert database["POSTGRES_PASSWORD_FILE"].startswith("/run/secrets/")
    init = {config["source"]: config["target"] for config in services["db"]["configs"]}
    assert init["db-init"].startswith("/docker-entrypoint-initdb.d/")
    sql = COMPOSE["configs"]["db-init"]["content"]
    assert "NOSUPERUSER" in sql and 'OWNER TO :"app_user"' in sql
    for name in ("migrate", "web", "worker", "worker-slow", "beat"):
        environment = services[name]["environment"]
        assert environment["DATABASE_URL"].startswith(f"postgres://{app_user}:"), name
        assert not {"POSTGRES_PASSWORD", "POSTGRES_PASSWORD_FILE"} & set(environment), name
        assert "secrets" not in services[name], name


def test_the_compose_database_init_lets_migrations_run_without_superuser(tmp_path):
    """Run compose's db-init SQL on a real server as the postgres image would, then every
    migration as the role it creates (the access log's triggers need only ownership)."""
    psql = shutil.which("psql")
    if psql is None:
        pytest.skip("psql is not installed")
    server = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/x"))
    admin_url = server._replace(path="/postgres").geturl()
    suffix = uuid.uuid4().hex[:8]
    role, database, password = f"hvhk_app_{suffix}", f"hvhk_init_{suffix}", uuid.uuid4().hex
    with psycopg.connect(admin_url, autocommit=True) as admin:
        if not admin.execute(
            "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
        ).fetchone()[0]:
            pytest.skip("needs a PostgreSQL superuser to play the postgres image's part")
        admin.execute(f'CREATE DATABASE "{database}"')
    try:
        init = tmp_path / "10-app-role.sql"
        init.write_text(COMPOSE["configs"]["db-init"]["content"])
        env = {**os.environ, "APP_DB_USER": role, "APP_DB_PASSWORD": password}
        env["PGPASSWORD"] = server.password or ""
        subprocess.run(
            [
                psql,
                "-v",
                "ON_ERROR_STOP=1",
                "--no-psqlrc",
                "-h",
                server.hostname or "127.0.0.1",
                "-p",
                str(server.port or 5432),
                "-U",
                server.username or "postgres",
                "-d",
                database,
                "-f",
                str(init),
            ],
            env=env,
            check=True,
            capture_output=True,
            timeout=60,
        )
        app_url = server._replace(
            netloc=f"{role}:{password}@{server.hostname}:{server.port or 5432}", path=f"/{database}"
        ).geturl()
        dropped = {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        clean = {k: v for k, v in os.environ.items() if k not in dropped}
        result = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
            cwd=ROOT,
            env={**clean, "DEBUG": "true", "DATABASE_URL": app_url},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        with psycopg.connect(app_url) as app:
            is_superuser, owner = app.execute(
                "SELECT rolsuper, pg_get_userbyid(datdba) FROM pg_roles, pg_database "
                "WHERE rolname = current_user AND datname = current_database()"
            ).fetchone()
        assert (is_superuser, owner) == (False, role)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            admin.execute(f'DROP ROLE IF EXISTS "{role}"')
