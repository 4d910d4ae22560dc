"""The planner settings every connection carries (settings.PG_OPTIONS)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def _setting(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


def test_page_statements_are_not_jit_compiled():
    # Compiling took ~100 ms of a 170 ms catalogue filter at Flanders scale.
    assert _setting("jit") == "off"


def test_random_reads_are_priced_for_ram_or_ssd():
    assert _setting("random_page_cost") == "1.1"
    assert _setting("work_mem") == "16MB"
