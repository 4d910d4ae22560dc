"""`make bench SCALE=city|city10|flanders`: every scenario against its floor, in one run.

    python -m bench.run --scale city [--requests 200] [--duration 10] [--connections 16]

1. ensures the scale's data (manage.py bench_data) and collected static files;
2. counts each page's queries in-process (Django's test client, CaptureQueriesContext)
   and re-runs the page's own SELECTs through plain psycopg (the page's SQL floor);
3. starts gunicorn on 127.0.0.1 with production settings (DEBUG off, 2 workers,
   CONN_MAX_AGE=600) and the bench-only floor views (BENCH_VIEWS=1);
4. per page: single-user latency over --requests keep-alive requests (http.client), then
   throughput with `wrk -t2 -c16 -d10s` over the same rotation of URLs;
5. the framework floor: the minimal view at each page's size; for search also the best
   single statement (bench.floors) timed alone and served by a view;
6. the reminder scan and the retention purge, timed in-process;
7. prints one table and writes bench/results/<scale>-latest.json.
"""

# ruff: noqa: S603, S607  (runs our own manage.py, gunicorn and wrk)

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-not-a-secret-5f0c2b7e9d41a3c8e6b2d7f1a9c4e3b8",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "CONN_MAX_AGE": "600",
    "BENCH_VIEWS": "1",
    "LOG_LEVEL": "WARNING",
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    # The HSDS API: measured uncached and without the per-client limit (one client here).
    "HSDS_CACHE_SECONDS": "0",
    "HSDS_RATE_LIMIT_PER_MINUTE": "100000000",
}
KEYS = [
    "page",
    "scale",
    "p50_ms",
    "p95_ms",
    "queries",
    "floor_sql_ms",
    "ratio_to_sql",
    "rps",
    "minimal_view_rps",
    "ratio_to_minimal",
    "rss_mb",
    "target_met",
]
# Latency targets of search (p95, ms) per scale; the issue sets them for city and Flanders.
SEARCH_P95_MS = {"tiny": (50, 50), "city": (50, 50), "city10": (50, 50), "flanders": (150, 400)}
RSS_LIMIT_MB = 250
REMINDER_SCAN_LIMIT_S = 30
# Public pages served from huisvanhetkind.page_cache to visitors without a session.
STORED_PAGES = ("search", "search_broad", "offer", "agenda", "home", "network")
PURGE_TRANSACTION_LIMIT_MS = 1000
# The open-data API (opendata/): a page of 50 services, p95 and a constant query count.
HSDS_PAGES = ("hsds_services", "hsds_services_full")
HSDS_P95_MS = 100
HSDS_MAX_QUERIES = 8


def log(message: str) -> None:
    sys.stderr.write(f"[bench] {message}\n")
    sys.stderr.flush()


@dataclass
class Scenario:
    page: str
    paths: list[str]
    cookie: str = ""
    kind: str = "http"
    queries: int | None = None
    floor_ms: float | None = None
    floor_kind: str = ""
    extra: dict = field(default_factory=dict)


# --- Results -------------------------------------------------------------------------


def result_row(page: str, scale: str, **values) -> dict:
    """One result object with every key of the issue (None where it does not apply)."""
    row = {key: None for key in KEYS}
    row.update(page=page, scale=scale)
    row.update(values)
    return row


def write_results(rows: list[dict], scale: str, directory: Path = RESULTS) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{scale}-latest.json"
    path.write_text(json.dumps(rows, indent=2, default=str) + "\n")
    return path


def table(rows: list[dict]) -> str:
    columns = [
        ("page", 16),
        ("p50_ms", 8),
        ("p95_ms", 8),
        ("queries", 7),
        ("floor_sql_ms", 12),
        ("ratio_to_sql", 12),
        ("rps", 8),
        ("minimal_view_rps", 16),
        ("ratio_to_minimal", 16),
        ("p50_stored_ms", 13),
        ("rps_stored", 10),
        ("rss_mb", 6),
        ("target_met", 10),
    ]

    def cell(value) -> str:
        if value is None:
            return "-"
        if isinstance(value, float):
            return f"{value:.1f}" if value >= 10 or value == 0 else f"{value:.2f}"
        return str(value)

    lines = [" ".join(name.rjust(width) for name, width in columns)]
    for row in rows:
        lines.append(" ".join(cell(row.get(name)).rjust(width) for name, width in columns))
    return "\n".join(lines)


def evaluate(row: dict, scale: str, *, sql_view_rps: float | None = None) -> dict:
    """The issue's targets that apply to this row: name -> met."""
    page, checks = row["page"], {}
    if page in ("search", "search_broad"):
        realistic, broad = SEARCH_P95_MS[scale]
        checks["p95"] = row["p95_ms"] <= (broad if page == "search_broad" else realistic)
        checks["queries<=7"] = row["queries"] is not None and row["queries"] <= 7
        if row["ratio_to_sql"] is not None:
            checks["p50<=1.5x_floor"] = row["ratio_to_sql"] <= 1.5
        if sql_view_rps and row["rps"]:
            checks["rps>=70%_sql_view"] = row["rps"] >= 0.7 * sql_view_rps
    if page in HSDS_PAGES:
        checks["p95<=100ms"] = row["p95_ms"] <= HSDS_P95_MS
        checks[f"queries<={HSDS_MAX_QUERIES}"] = (
            row["queries"] is not None and row["queries"] <= HSDS_MAX_QUERIES
        )
    if page == "offer":
        checks["queries<=6"] = row["queries"] is not None and row["queries"] <= 6
    if page in ("home", "offer", "agenda", "network") and row["rps"]:
        checks["rps>=50%_minimal"] = (row["ratio_to_minimal"] or 0) >= 0.5
        checks["p99<50ms@16"] = (row.get("p99_wrk_ms") or 1e9) < 50
        if row.get("rps_stored"):
            checks["stored:rps>=50%_minimal"] = (row["ratio_to_minimal_stored"] or 0) >= 0.5
            checks["stored:p99<50ms@16"] = (row.get("p99_wrk_stored_ms") or 1e9) < 50
    if page in EVIDENCE_LIMITS_MS and row["p50_ms"] is not None:
        checks[f"<={EVIDENCE_LIMITS_MS[page] // 1000}s"] = row["p50_ms"] <= EVIDENCE_LIMITS_MS[page]
        checks["queries<=30"] = row["queries"] <= EVIDENCE_MAX_QUERIES
    if page == "reminder_scan":
        checks["<=30s"] = row["p50_ms"] <= REMINDER_SCAN_LIMIT_S * 1000
    if page == "retention_purge":
        checks["longest_tx<=1s"] = row["longest_transaction_ms"] <= PURGE_TRANSACTION_LIMIT_MS
    if row.get("rss_mb") is not None and row.get("rps"):
        checks["rss<=250MB"] = row["rss_mb"] <= RSS_LIMIT_MB
    return checks


# --- HTTP ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def latency(port: int, scenario: Scenario, requests: int) -> dict:
    """Single user: keep-alive requests over the rotation; ms percentiles, sizes, statuses."""
    from .floors import percentile

    client = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": scenario.cookie} if scenario.cookie else {}
    times, sizes, statuses = [], [], set()

    def get(path: str) -> None:
        started = time.perf_counter()
        client.request("GET", path, headers=headers)
        response = client.getresponse()
        body = response.read()
        times.append((time.perf_counter() - started) * 1000)
        sizes.append(len(body))
        statuses.add(response.status)

    for number in range(len(scenario.paths) + 10):  # warm-up: every URL once, and some
        get(scenario.paths[number % len(scenario.paths)])
    times.clear()
    for number in range(requests):
        get(scenario.paths[number % len(scenario.paths)])
    client.close()
    return {
        "p50": percentile(times, 0.5),
        "p95": percentile(times, 0.95),
        "p99": percentile(times, 0.99),
        "bytes": int(sum(sizes) / len(sizes)),
        "statuses": sorted(statuses),
    }


_WRK_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(port: int, paths: list[str], *, cookie: str, duration: int, connections: int) -> dict:
    """Throughput under a bounded load: wrk -t2 -c<connections> -d<duration>s over `paths`."""
    lua = "local paths = {" + ", ".join(json.dumps(p) for p in paths) + "}\n"
    if cookie:
        lua += f'wrk.headers["Cookie"] = {json.dumps(cookie)}\n'
    lua += (
        "local i = 0\n"
        "request = function()\n  i = i + 1\n"
        '  return wrk.format("GET", paths[(i % #paths) + 1])\nend\n'
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua)
    try:
        output = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{duration}s",
                "--latency",
                "-s",
                script.name,
                f"http://127.0.0.1:{port}",
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=duration + 60,
        ).stdout
    finally:
        os.unlink(script.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors:.*", output)
    return {
        "rps": rps,
        "p99_ms": float(p99.group(1)) * _WRK_UNITS[p99.group(2)] if p99 else None,
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(0) if socket_errors else "",
    }


def start_gunicorn(port: int, env: dict) -> subprocess.Popen:
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    process = subprocess.Popen(
        [
            gunicorn,
            "huisvanhetkind.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _attempt in range(150):
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            probe.request("GET", "/bench/minimal/?size=100")
            probe.getresponse().read()
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


def worker_rss_mb(master: subprocess.Popen) -> float:
    import psutil

    workers = psutil.Process(master.pid).children()
    return round(max(w.memory_info().rss for w in workers) / 1024 / 1024, 1) if workers else 0.0


# --- In-process measurements ------------------------------------------------------------


def logged_in_cookie(email: str) -> str:
    """A session for `email` as a login would leave it (tests use force_login the same way)."""
    from importlib import import_module
    from types import SimpleNamespace

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )

    from huisvanhetkind.testing import record_session_login

    user = get_user_model().objects.get(email=email)
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    # Workers and coordinators reach no page before the session passed the second factor.
    record_session_login(SimpleNamespace(session=session), user)
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def count_and_capture(scenario: Scenario) -> list[list[dict]]:
    """Each URL once through the test client (after a warm-up): its queries, captured."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    if scenario.cookie:
        name, value = scenario.cookie.split("=", 1)
        client.cookies[name] = value
    captured = []
    for path in scenario.paths:
        client.get(path)
        # What building the page costs (the second request: the shared caches are warm).
        with (
            override_settings(PAGE_CACHE_ENABLED=False),
            CaptureQueriesContext(connection) as queries,
        ):
            response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        captured.append(list(queries.captured_queries))
    return captured


def replay_floor(captured: list[list[dict]], rounds: int = 15) -> float:
    """p50 of re-running each URL's own SELECTs through plain psycopg (ms)."""
    from .floors import median, raw_connection, replayable, time_statements

    with raw_connection() as raw:
        times = []
        for _ in range(rounds):
            for queries in captured:
                times.append(time_statements(raw, replayable(queries)))
    return median(times)


def single_statement_floor(paths: list[str], rounds: int = 15) -> float:
    """p50 of the best single statement for each search URL (ms), prepare step included."""
    from django.http import QueryDict

    from aanbod.filters import parse_search

    from .floors import median, raw_connection, single_statement, time_statements

    statements = []
    for path in paths:
        query, filters, page = parse_search(QueryDict(path.partition("?")[2]))
        statements.append(single_statement(query=query, filters=filters, page=page))
    with raw_connection() as raw:
        times = []
        for _ in range(rounds):
            for statement in statements:
                times.append(time_statements(raw, [statement]))
    return median(times)


def reminder_scan(scale: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from doorverwijzing.choices import ReferralStatus
    from doorverwijzing.models import Referral
    from doorverwijzing.reminders import reminders_plan

    from .data import reminders_clear

    reminders_clear()
    total = Referral.objects.count()
    waiting = Referral.objects.filter(
        status__in=[ReferralStatus.SENT, ReferralStatus.ACCEPTED], erased_at__isnull=True
    ).count()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        created = reminders_plan(today=timezone.localdate())
        cold = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    reminders_plan(today=timezone.localdate())
    warm = (time.perf_counter() - started) * 1000
    row = result_row(
        "reminder_scan",
        scale,
        p50_ms=round(cold, 1),
        p95_ms=round(cold, 1),
        queries=len(queries.captured_queries),
        referrals=total,
        waiting_referrals=waiting,
        reminders_created=created,
        warm_rerun_ms=round(warm, 1),
    )
    return row


EVIDENCE_LIMITS_MS = {"evidence_html": 2000, "evidence_pdf": 5000, "evidence_docx": 5000}
EVIDENCE_MAX_QUERIES = 30


def evidence_pack(scale: str) -> list[dict]:
    """The action plan's evidence for the biggest network: figures (the HTML page's data
    and sections), then the PDF and the DOCX from them, timed apart, in-process.

    PDF and DOCX rows include the figures' time: a build computes them once for both.
    """
    try:
        from actieplan.choices import PackKind
        from actieplan.evidence import evidence_figures
        from actieplan.rendering import pack_sections, render_docx, render_pdf
    except ImportError as error:
        return [result_row("evidence_html", scale, skipped=f"actieplan not ready: {error}")]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone, translation

    from partners.models import Network

    from .data import SLUG_PREFIX

    network = Network.objects.filter(slug__startswith=SLUG_PREFIX).order_by("id").first()
    today = timezone.localdate()
    with translation.override("nl"), CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        figures = evidence_figures(
            network=network, year=today.year, kind=PackKind.PLAN, today=today
        )
        pack_sections(figures)
        html = (time.perf_counter() - started) * 1000
        count = len(queries.captured_queries)
        started = time.perf_counter()
        pdf = render_pdf(figures=figures, logo_path=None)
        pdf_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        docx = render_docx(figures=figures, logo_path=None)
        docx_ms = (time.perf_counter() - started) * 1000
    common = {"network": network.name, "offers_in_network": network.offers.count()}
    return [
        result_row(
            "evidence_html",
            scale,
            p50_ms=round(html, 1),
            p95_ms=round(html, 1),
            queries=count,
            **common,
        ),
        result_row(
            "evidence_pdf",
            scale,
            p50_ms=round(html + pdf_ms, 1),
            p95_ms=round(html + pdf_ms, 1),
            queries=count,
            render_ms=round(pdf_ms, 1),
            bytes=len(pdf),
            **common,
        ),
        result_row(
            "evidence_docx",
            scale,
            p50_ms=round(html + docx_ms, 1),
            p95_ms=round(html + docx_ms, 1),
            queries=count,
            render_ms=round(docx_ms, 1),
            bytes=len(docx),
            **common,
        ),
    ]


def retention_purge(scale: str, *, max_seconds: float = 120) -> dict:
    """Purge batches until done: rows, time per batch and the longest single transaction.

    A transaction is timed from its SELECT … FOR UPDATE (the lock) to its commit.
    """
    from django.db import connection, transaction
    from django.utils import timezone

    from doorverwijzing.services import referrals_purge_expired

    from .data import purge_backlog_restore

    backlog = purge_backlog_restore()
    transactions: list[float] = []

    def watch(execute, sql, params, many, context):
        if "FOR UPDATE" in sql and connection.in_atomic_block:
            started = time.perf_counter()
            transaction.on_commit(
                lambda: transactions.append((time.perf_counter() - started) * 1000)
            )
        return execute(sql, params, many, context)

    batches, erased = [], 0
    now = timezone.now()
    started = time.perf_counter()
    with connection.execute_wrapper(watch):
        while time.perf_counter() - started < max_seconds:
            batch_started = time.perf_counter()
            count = referrals_purge_expired(now=now)
            batches.append((time.perf_counter() - batch_started) * 1000)
            erased += count
            if count == 0:
                break
    total = (time.perf_counter() - started) * 1000
    from .floors import percentile

    return result_row(
        "retention_purge",
        scale,
        p50_ms=round(percentile(batches, 0.5), 1),
        p95_ms=round(percentile(batches, 0.95), 1),
        backlog=backlog,
        erased=erased,
        batches=len(batches),
        total_ms=round(total, 1),
        longest_transaction_ms=round(max(transactions, default=0.0), 2),
        transactions=len(transactions),
        finished=erased >= backlog,
    )


# --- The run ---------------------------------------------------------------------------


def ensure_environment() -> list:
    """DATABASE_URL / REDIS_URL as given, else the embedded servers of `make run`."""
    if os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL"):
        return []
    from huisvanhetkind.local import prepare_environment

    log("DATABASE_URL/REDIS_URL unset: using the embedded servers (a dedicated database is better)")
    return prepare_environment()


def manage(*args: str, env: dict) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, check=True)


def scenarios(scale: str) -> list[Scenario]:
    from aanbod.choices import OfferStatus
    from aanbod.models import Offer
    from partners.models import Municipality, Network

    from .data import BUSY_WORKER_EMAIL, COORDINATOR_EMAIL, SLUG_PREFIX

    network = Network.objects.filter(slug__startswith=SLUG_PREFIX).order_by("id").first()
    municipality = (
        Municipality.objects.filter(networks=network).order_by("id").values_list("id", flat=True)
    )[0]
    slugs = list(
        Offer.objects.filter(status=OfferStatus.PUBLISHED, networks=network)
        .order_by("id")
        .values_list("slug", flat=True)[:400:10]
    )
    search = [
        # narrow
        "q=babymassage&age=0-3",
        f"q=peuterspeelpunt&municipality={municipality}",
        "q=huiswerkbegeleiding&moment=2",
        "q=zwemles&cost=reduced&age=3-6",
        # typical
        "q=opvoeding",
        "q=kinderopvang&age=0-3",
        "q=zwanger",
        "q=pampers",
        "q=peuterspelpunt",
        "q=geldzorgen&cost=free",
        "q=speelpunt&moment=weekend",
        "q=vroedvrouw",
        "q=tiener&language=fr",
        "age=3-6&domain=leisure",
        "age=expecting",
        "domain=childcare",
    ]
    published = Offer.objects.filter(status=OfferStatus.PUBLISHED).count()
    hsds = sorted({1, 2, 5, 10, max(1, published // 100), max(1, published // 50)})
    worker, coordinator = logged_in_cookie(BUSY_WORKER_EMAIL), logged_in_cookie(COORDINATOR_EMAIL)
    return [
        Scenario("search", [f"/nl/aanbod/?{q}" for q in search]),
        Scenario("search_broad", ["/nl/aanbod/?q=kind", "/nl/aanbod/", "/nl/aanbod/?q=ouders"]),
        Scenario("offer", [f"/nl/aanbod/{slug}/" for slug in slugs]),
        Scenario(
            "agenda",
            [
                "/nl/agenda/",
                "/nl/agenda/?age=0-3",
                "/nl/agenda/?moment=weekend",
                f"/nl/agenda/?municipality={municipality}",
            ],
        ),
        Scenario("home", ["/nl/"]),
        Scenario("network", [f"/nl/netwerk/{network.slug}/"]),
        Scenario(
            "inbox",
            [
                "/nl/doorverwijzingen/",
                "/nl/doorverwijzingen/?status=sent",
                "/nl/doorverwijzingen/?status=accepted",
                "/nl/doorverwijzingen/?page=2",
            ],
            cookie=worker,
        ),
        Scenario("coordinator_start", ["/admin/"], cookie=coordinator),
        # A reuser paging through the HSDS feed, 50 services a page (one-to-one fields, and
        # fully nested with `full=true`).
        Scenario("hsds_services", [f"/api/hsds/v3/services?per_page=50&page={p}" for p in hsds]),
        Scenario(
            "hsds_services_full",
            [f"/api/hsds/v3/services?per_page=50&full=true&page={p}" for p in hsds],
        ),
    ]


def run(scale: str, *, requests: int, duration: int, connections: int, only: set[str]) -> list:
    servers = ensure_environment()
    os.environ.update(PRODUCTION_ENV)
    env = dict(os.environ)
    try:
        manage("migrate", "--no-input", "-v0", env=env)
        import django

        django.setup()
        from .data import bench_scale_loaded

        build_seconds = None
        if bench_scale_loaded() != scale:
            log(f"no bench data of scale {scale}: building it (manage.py bench_data)")
            started = time.monotonic()
            manage("bench_data", "--scale", scale, "--reset", env={**env, "DEBUG": "true"})
            build_seconds = round(time.monotonic() - started, 1)
        log("collecting static files (production storage needs the manifest)")
        manage("collectstatic", "--no-input", "-v0", env=env)
        return measure(
            scale,
            env,
            requests=requests,
            duration=duration,
            connections=connections,
            only=only,
            build_seconds=build_seconds,
        )
    finally:
        from huisvanhetkind.local import _stop

        _stop(servers)


def measure(scale, env, *, requests, duration, connections, only, build_seconds) -> list:
    from django.db import connection

    rows: list[dict] = []
    plan = [s for s in scenarios(scale) if not only or s.page in only]
    log("query counts and SQL floors, in-process")
    for scenario in plan:
        captured = count_and_capture(scenario)
        scenario.queries = max(len(q) for q in captured)
        scenario.extra["queries_per_url"] = [len(q) for q in captured]
        scenario.extra["floor_separate_ms"] = round(replay_floor(captured), 2)
        if scenario.page.startswith("search"):
            scenario.floor_ms = single_statement_floor(scenario.paths)
            scenario.floor_kind = "single statement (bench.floors.single_statement)"
        else:
            scenario.floor_ms = scenario.extra["floor_separate_ms"]
            scenario.floor_kind = "the page's own SELECTs replayed through psycopg"
    connection.close()

    port = free_port()
    log(f"gunicorn on 127.0.0.1:{port} (2 workers, DEBUG off, CONN_MAX_AGE=600, PAGE_CACHE off)")
    server = start_gunicorn(port, {**env, "PAGE_CACHE": "false"})
    minimal_cache: dict[int, float] = {}

    def minimal_rps(size: int) -> float:
        bucket = round(size, -3) or 1000
        for known, rps in minimal_cache.items():
            if abs(known - bucket) <= 0.25 * known:
                return rps
        result = wrk(
            port,
            [f"/bench/minimal/?size={bucket}"],
            cookie="",
            duration=duration,
            connections=connections,
        )
        minimal_cache[bucket] = result["rps"]
        return result["rps"]

    try:
        for scenario in plan:
            log(f"{scenario.page}: {requests} requests, then wrk -t2 -c{connections} -d{duration}s")
            single = latency(port, scenario, requests)
            if single["statuses"] != [200]:
                raise RuntimeError(f"{scenario.page} answered {single['statuses']}")
            load = wrk(
                port,
                scenario.paths,
                cookie=scenario.cookie,
                duration=duration,
                connections=connections,
            )
            minimal = minimal_rps(single["bytes"])
            row = result_row(
                scenario.page,
                scale,
                p50_ms=round(single["p50"], 2),
                p95_ms=round(single["p95"], 2),
                queries=scenario.queries,
                floor_sql_ms=round(scenario.floor_ms, 2),
                ratio_to_sql=round(single["p50"] / scenario.floor_ms, 2)
                if scenario.floor_ms
                else None,
                rps=round(load["rps"], 1),
                minimal_view_rps=round(minimal, 1),
                ratio_to_minimal=round(load["rps"] / minimal, 2) if minimal else None,
                p99_single_ms=round(single["p99"], 2),
                p99_wrk_ms=load["p99_ms"],
                page_bytes=single["bytes"],
                urls=len(scenario.paths),
                floor_kind=scenario.floor_kind,
                wrk_non_2xx=load["non_2xx"],
                wrk_socket_errors=load["socket_errors"],
                **scenario.extra,
            )
            row["load_1m"] = round(os.getloadavg()[0], 2)
            if scenario.page.startswith("search"):
                paths = [p.replace("/nl/aanbod/", "/bench/search-sql/") for p in scenario.paths]
                size = single["bytes"]
                sized = [f"{p}{'&' if '?' in p else '?'}size={size}" for p in paths]
                sql_view = wrk(port, sized, cookie="", duration=duration, connections=connections)
                row["sql_view_rps"] = round(sql_view["rps"], 1)
            rows.append(row)
        minimal_row = result_row(
            "minimal_view",
            scale,
            queries=1,
            minimal_view_rps=round(minimal_rps(20_000), 1),
            rps=round(minimal_rps(20_000), 1),
        )
        minimal_single = latency(
            port, Scenario("minimal_view", ["/bench/minimal/?size=20000"]), requests
        )
        minimal_row.update(
            p50_ms=round(minimal_single["p50"], 2),
            p95_ms=round(minimal_single["p95"], 2),
            ratio_to_minimal=1.0,
        )
        rows.append(minimal_row)
        rss = worker_rss_mb(server)
    finally:
        server.terminate()
        server.wait(timeout=30)
    stored_pages(plan, rows, env, requests=requests, duration=duration, connections=connections)
    for row in rows:
        row["rss_mb"] = rss
    if not only or "reminder_scan" in only:
        log("reminder scan (doorverwijzing.reminders.reminders_plan), in-process")
        rows.append(reminder_scan(scale))
    if not only or "evidence" in only:
        log("action plan evidence pack (actieplan.evidence, rendering), in-process")
        rows += evidence_pack(scale)
    if not only or "retention_purge" in only:
        log("retention purge (doorverwijzing.services.referrals_purge_expired), in-process")
        rows.append(retention_purge(scale))
    for row in rows:
        checks = evaluate(row, scale, sql_view_rps=row.get("sql_view_rps"))
        row["checks"] = checks
        row["target_met"] = all(checks.values()) if checks else None
    if build_seconds is not None:
        rows[0]["data_build_seconds"] = build_seconds
    return rows


def stored_pages(plan, rows, env, *, requests, duration, connections) -> None:
    """The public pages again with the page cache on (production): what a parent without a
    session gets when someone asked the same page within the minute."""
    public = [s for s in plan if s.page in STORED_PAGES]
    if not public:
        return
    port = free_port()
    log(f"gunicorn on 127.0.0.1:{port} with PAGE_CACHE on: the public pages from the cache")
    server = start_gunicorn(port, {**env, "PAGE_CACHE": "true"})
    by_page = {row["page"]: row for row in rows}
    try:
        for scenario in public:
            latency(port, scenario, len(scenario.paths))  # one visitor asks first
            single = latency(port, scenario, requests)
            load = wrk(port, scenario.paths, cookie="", duration=duration, connections=connections)
            row = by_page[scenario.page]
            row.update(
                p50_stored_ms=round(single["p50"], 2),
                p95_stored_ms=round(single["p95"], 2),
                rps_stored=round(load["rps"], 1),
                p99_wrk_stored_ms=load["p99_ms"],
                ratio_to_minimal_stored=round(load["rps"] / row["minimal_view_rps"], 2)
                if row.get("minimal_view_rps")
                else None,
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="city", choices=["tiny", "city", "city10", "flanders"])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--only", default="", help="Comma-separated pages (default: all).")
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        log("wrk is missing: apt-get install wrk")
        return 2
    started = time.monotonic()
    only = {name for name in args.only.split(",") if name}
    rows = run(
        args.scale,
        requests=args.requests,
        duration=args.duration,
        connections=args.connections,
        only=only,
    )
    for row in rows:
        row["measured_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    # A partial run (--only) never replaces the full figures of the scale.
    path = write_results(rows, f"{args.scale}-partial" if only else args.scale)
    print(table(rows))
    for row in rows:
        failed = [name for name, met in (row.get("checks") or {}).items() if not met]
        if failed:
            print(f"  {row['page']}: missed {', '.join(failed)}")
    log(f"written {path.relative_to(ROOT)} in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
