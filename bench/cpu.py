"""CPU time per request of bench pages, in-process: what a page costs on a shared machine.

On a busy machine wall times mostly measure waiting for a core; the CPU time of this
process (templates, ORM, Python) does not. Runs the scenarios of bench/run.py through
Django's test client with production settings, `PAGE_CACHE` off and warm shared caches:

    python -m bench.cpu --only agenda,home --rounds 3
    python -m bench.cpu --only agenda --profile [N]   # cProfile of the rounds, top N (30)

Prints per page the median CPU and wall time (ms) and the most queries of one request.
Needs the bench data (`manage.py bench_data`) and collected static files (`make bench`
collects them).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from .run import PRODUCTION_ENV


def measure(paths: list[str], *, cookie: str, rounds: int, profile: int) -> dict:
    import cProfile
    import pstats

    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    if cookie:
        name, value = cookie.split("=", 1)
        client.cookies[name] = value
    cpu, wall, queries = [], [], 0
    profiler = cProfile.Profile() if profile else None
    with override_settings(PAGE_CACHE_ENABLED=False):
        for path in paths:  # warm the shared caches
            client.get(path)
        for _ in range(rounds):
            for path in paths:
                with CaptureQueriesContext(connection) as captured:
                    started_cpu, started = time.process_time(), time.perf_counter()
                    if profiler:
                        profiler.enable()
                    response = client.get(path)
                    if profiler:
                        profiler.disable()
                    cpu.append((time.process_time() - started_cpu) * 1000)
                    wall.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise RuntimeError(f"{path} answered {response.status_code}")
                queries = max(queries, len(captured.captured_queries))
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(profile)
    return {
        "cpu_p50_ms": round(statistics.median(cpu), 1),
        "wall_p50_ms": round(statistics.median(wall), 1),
        "queries": queries,
        "requests": len(cpu),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="agenda,home", help="Comma-separated pages.")
    parser.add_argument("--rounds", type=int, default=10, help="Passes over each page's URLs.")
    parser.add_argument(
        "--profile", type=int, nargs="?", const=30, default=0, help="Print the top N calls."
    )
    args = parser.parse_args(argv)
    os.environ.update(PRODUCTION_ENV)
    import django

    django.setup()
    from .run import scenarios

    only = {name for name in args.only.split(",") if name}
    load = os.getloadavg()[0]
    for scenario in scenarios("city"):
        if scenario.page not in only:
            continue
        row = measure(
            scenario.paths, cookie=scenario.cookie, rounds=args.rounds, profile=args.profile
        )
        figures = "  ".join(f"{key} {value}" for key, value in row.items())
        print(f"{scenario.page:20} load {load:4.1f}  {figures}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
