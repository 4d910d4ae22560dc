"""The benchmark's smallest loop (the real run is `make bench`, never part of `make test`)."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict

from aanbod.filters import parse_search
from aanbod.models import Offer
from aanbod.search.index import offer_reindex
from aanbod.search.results import offer_search
from bench import run
from bench.data import bench_scale_loaded
from bench.floors import single_statement

pytestmark = pytest.mark.django_db


def test_tiny_bench_data_is_indexed_as_saved_offers_and_one_scenario_is_written(tmp_path):
    call_command("bench_data", "--scale", "tiny", "--quiet", "--force")
    assert bench_scale_loaded() == "tiny"

    offer = Offer.objects.filter(slug__startswith="bench-").order_by("id").first()
    columns = "search_document::text, search_text, indexed_weekdays, indexed_deelgemeente_ids"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM aanbod_offer WHERE id = %s", [offer.id])  # noqa: S608
        generated = cursor.fetchone()
        offer_reindex(offer=offer)
        cursor.execute(f"SELECT {columns} FROM aanbod_offer WHERE id = %s", [offer.id])  # noqa: S608
        assert cursor.fetchone() == generated

    query, filters, page = parse_search(QueryDict("q=opvoeding"))
    statement, params = single_statement(query=query, filters=filters, page=page)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        (document,) = cursor.fetchone()
    floor = document if isinstance(document, dict) else json.loads(document)
    assert floor["total"] == offer_search(query=query, filters=filters, page=page).total

    row = run.reminder_scan("tiny")
    row["checks"] = run.evaluate(row, "tiny")
    row["target_met"] = all(row["checks"].values())
    path = run.write_results([row], "tiny", tmp_path)
    written = json.loads(path.read_text())
    assert path.name == "tiny-latest.json"
    assert set(run.KEYS) <= set(written[0])
    assert written[0]["page"] == "reminder_scan" and written[0]["target_met"] is True
