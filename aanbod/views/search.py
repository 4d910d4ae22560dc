"""The parents' search: every result page is a plain GET URL; htmx only speeds it up."""

from django.shortcuts import render
from django.utils.cache import patch_cache_control

from huisvanhetkind.page_cache import public_page
from partners.selectors import network_exists, network_for_request

from ..filters import parse_search
from ..search.cards import result_cards
from ..search.results import offer_search
from ..search_gaps import search_gap_report
from ..shortlist import shortlist_ids

ACTIVE_GROUP_PARAMS = [
    "age",
    "municipality",
    "deelgemeente",
    "domain",
    "access",
    "cost",
    "language",
    "moment",
    "age_months",
]


@public_page
def search(request):
    query, filters, page = parse_search(request.GET)
    result = offer_search(query=query, filters=filters, page=page)
    gap = result.total == 0 and page == 1 and bool(query.strip())
    if gap:
        # Counted for the network the visitor searched in: its filter, else the site's.
        network_id = getattr(network_for_request(request), "id", None)
        if len(filters.networks) == 1:  # a typed id may name no network: checked
            network_id = network_exists(network_id=filters.networks[0]) or network_id
        search_gap_report(query=query, network_id=network_id)
    active = [name for name in ACTIVE_GROUP_PARAMS if request.GET.getlist(name)]
    context = {
        "result": result,
        # Rendered once per language and catalogue version (aanbod.search.cards).
        "cards": result_cards(result, shortlist=set(shortlist_ids(request.session))),
        "active_groups": active,
        "has_filters": bool(active),
        "network": network_for_request(request),
    }
    template = "aanbod/_results.html" if request.htmx else "aanbod/search.html"
    response = render(request, template, context)
    if gap:  # every search without results counts as a signal: never from the cache
        patch_cache_control(response, private=True)
    return response
