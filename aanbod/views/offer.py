"""The offer page and what hangs off it: calendar file, print view."""

import mimetypes
from urllib.parse import quote

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from huisvanhetkind import permissions
from huisvanhetkind.page_cache import public_page
from partners.selectors import network_for_request, network_public, zitdagen_for_organisation

from ..calendar_files import offer_calendar
from ..schedules import next_occurrences
from ..selectors import offer_get_public, offer_image_public
from ..shortlist import shortlist_ids
from ..structured_data import offer_json_ld
from ..ways_to_act import offer_ways_to_act


@public_page
def offer_detail(request, slug: str):
    offer = offer_get_public(slug=slug)
    if getattr(request, "network", None) is None:
        request.network = network_public(pk=offer.first_network_id)
    now = timezone.now()
    url = request.build_absolute_uri(offer.get_absolute_url())
    context = {
        "offer": offer,
        "dates": next_occurrences(offer, after=now, limit=6, include_cancelled=True),
        "share_url": url,
        "whatsapp_url": "https://wa.me/?text=" + quote(f"{offer.title} {url}"),
        "mail_url": f"mailto:?subject={quote(offer.title)}&body={quote(url)}",
        "json_ld": offer_json_ld(offer, url=url, now=now),
        "ways_to_act": offer_ways_to_act(offer, network_for_request(request)),
        "can_refer": permissions.can(request.user, "referral.send"),
        "print_view": request.GET.get("weergave") == "afdruk",
        "in_shortlist": offer.id in shortlist_ids(request.session),
        "office_days": zitdagen_for_organisation(organisation_id=offer.organisation_id),
    }
    return render(request, "aanbod/offer_detail.html", context)


def offer_ics(request, slug: str):
    offer = offer_get_public(slug=slug)
    calendar = offer_calendar(
        offer, url=request.build_absolute_uri(offer.get_absolute_url()), now=timezone.now()
    )
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{offer.slug}.ics"'
    return response


# Images are uploaded by partners and shown to everyone: served here, for published
# offers only, so no web server needs the media folder and a draft's image stays private.
OFFER_IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}
OFFER_IMAGE_MAX_AGE = 60 * 60


def offer_image(request, slug: str):
    image = offer_image_public(slug=slug)
    content_type, _encoding = mimetypes.guess_type(image.name)
    if content_type not in OFFER_IMAGE_TYPES:
        raise Http404
    try:
        response = FileResponse(image.open("rb"), content_type=content_type)
    except FileNotFoundError as error:
        raise Http404 from error
    response["Cache-Control"] = f"public, max-age={OFFER_IMAGE_MAX_AGE}"
    return response
