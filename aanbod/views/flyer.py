"""A printable A4 overview with QR codes, for waiting rooms and consultation bureaus."""

from collections import defaultdict

from django.shortcuts import render

from huisvanhetkind.qr import qr_svg
from partners.selectors import network_for_request

from ..choices import LifeDomain
from ..filters import parse_search
from ..search.results import offer_search


def flyer(request):
    query, filters, _page = parse_search(request.GET)
    result = offer_search(query=query, filters=filters, page=1)
    labels = dict(LifeDomain.choices)
    groups: dict[str, list] = defaultdict(list)
    # One A4 page holds a result page (20 offers): narrow the choice with the filters.
    for offer in result.offers:
        domain = offer.life_domains[0] if offer.life_domains else ""
        url = request.build_absolute_uri(offer.get_absolute_url())
        groups[str(labels.get(domain, ""))].append((offer, qr_svg(url, label=offer.title)))
    return render(
        request,
        "aanbod/flyer.html",
        {
            "groups": sorted(groups.items()),
            "network": network_for_request(request),
            "body_class": "hvhk-print",
        },
    )
