"""Framework floors for the benchmark, served only when BENCH_VIEWS=1 (see bench/urls.py).

- minimal: one primary-key query and a static page of the asked size: what any Django page
  costs at least (middleware, URL routing, one query, a response of that size);
- search_sql: the search page's data from the best single statement (bench.floors), as a
  plain page of the asked size: the ceiling for a search view built on that statement.
"""

from django.db import connection
from django.http import HttpResponse

from aanbod.filters import parse_search
from aanbod.models import Offer

MAX_PAGE_BYTES = 2_000_000


def _page(size: int, text: str = "") -> bytes:
    head = f"<!doctype html><html lang=nl><title>bench</title><main>{text}</main>".encode()
    size = max(len(head), min(size, MAX_PAGE_BYTES))
    return head + b" " * (size - len(head) - 7) + b"</html>"


def minimal(request):
    offer_id = Offer.objects.filter(pk=int(request.GET.get("id", "1"))).values_list("id", flat=True)
    found = list(offer_id)
    return HttpResponse(_page(int(request.GET.get("size", "20000")), str(found)))


def search_sql(request):
    from .floors import single_statement

    query, filters, page = parse_search(request.GET)
    statement, params = single_statement(query=query, filters=filters, page=page)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        (document,) = cursor.fetchone()
    text = document if isinstance(document, str) else str(document)
    return HttpResponse(_page(int(request.GET.get("size", "20000")), text[:1000]))
