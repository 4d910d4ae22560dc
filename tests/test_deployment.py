"""No Docker engine runs here: check that compose, Dockerfile and settings agree."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SETTINGS_SOURCE = (ROOT / "huisvanhetkind/settings/base.py").read_text()
README = (ROOT / "README.md").read_text()
SETTINGS_VARIABLES = set(re.findall(r'env_\w+\(\s*"([A-Z_]+)"', SETTINGS_SOURCE))


def test_compose_has_web_workers_beat_postgres_redis_proxy_and_migrate():
    assert set(COMPOSE["services"]) == {
        "migrate", "web", "proxy", "worker", "worker-slow", "beat", "db", "redis"
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
