"""The shortlist at the desk: collect, print, share as a link, QR or WhatsApp message."""

from urllib.parse import quote

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from huisvanhetkind.qr import qr_svg

from ..selectors import offers_by_ids
from ..shortlist import parse_shared_ids, shortlist_add, shortlist_ids, shortlist_remove


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    return redirect(target if target.startswith("/") and not target.startswith("//") else fallback)


@require_POST
def shortlist_add_view(request, pk: int):
    ids = shortlist_add(request.session, pk)
    if request.htmx:
        return render(
            request,
            "aanbod/_shortlist_button.html",
            {"offer_id": pk, "in_shortlist": True, "shortlist_count": len(ids)},
        )
    return _back(request, reverse("aanbod:shortlist"))


@require_POST
def shortlist_remove_view(request, pk: int):
    ids = shortlist_remove(request.session, pk)
    if request.htmx:
        return render(
            request,
            "aanbod/_shortlist_button.html",
            {"offer_id": pk, "in_shortlist": False, "shortlist_count": len(ids)},
        )
    return _back(request, reverse("aanbod:shortlist"))


def _share_links(request, ids: list[int]) -> list[dict]:
    """A share link per site language, so the family reads it in theirs where we can."""
    links = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            path = reverse("aanbod:shortlist_shared") + "?aanbod=" + ",".join(map(str, ids))
        url = request.build_absolute_uri(path)
        links.append(
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "url": url,
                "whatsapp": "https://wa.me/?text=" + quote(url),
            }
        )
    return links


def shortlist(request):
    ids = shortlist_ids(request.session)
    offers = offers_by_ids(ids)
    links = _share_links(request, [offer.id for offer in offers]) if offers else []
    current = next(
        (link for link in links if link["code"] == translation.get_language()),
        links[0] if links else None,
    )
    return render(
        request,
        "aanbod/shortlist.html",
        {
            "offers": offers,
            "share_links": links,
            "current_link": current,
            "qr": qr_svg(current["url"], label=gettext("QR code with the link to this list"))
            if current
            else "",
        },
    )


def shortlist_shared(request):
    offers = offers_by_ids(parse_shared_ids(request.GET.get("aanbod", "")))
    return render(request, "aanbod/shortlist_shared.html", {"offers": offers})
