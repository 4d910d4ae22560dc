import datetime as dt
from urllib.parse import quote_plus

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control

from huisvanhetkind.page_cache import public_page

from . import selectors
from .documents import agreement_download_name
from .forms import DecisionSearchForm
from .opening_hours import opening_state, week_schedule


@public_page
def partner_directory(request, network_slug: str):
    request.network = selectors.network_get_public(slug=network_slug)
    organisations = selectors.organisation_directory(network=request.network)
    return render(request, "partners/directory.html", {"organisations": organisations})


@public_page
def location_detail(request, slug: str):
    location = selectors.location_get_public(slug=slug)
    request.network = location.network
    now = timezone.now()
    today = timezone.localdate(now)
    holidays = selectors.school_holidays_between(today, today + dt.timedelta(days=21))
    context = {
        "location": location,
        "state": opening_state(location, now, school_holidays=holidays),
        "week": week_schedule(location, today, school_holidays=holidays),
        "map_tile_url": settings.MAP_TILE_URL,
        "route_url": "https://www.google.com/maps/dir/?api=1&destination="
        + quote_plus(location.address),
    }
    return render(request, "partners/location_detail.html", context)


@login_required
def group_list(request):
    return render(
        request,
        "partners/group_list.html",
        {"groups": selectors.group_list_for_user(user=request.user)},
    )


@login_required
def group_detail(request, pk: int):
    form = DecisionSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    group = selectors.group_get_for_user(user=request.user, pk=pk, decision_query=query)
    request.network = group.network
    return render(
        request, "partners/group_detail.html", {"group": group, "form": form, "query": query}
    )


@login_required
def agreement_document(request, name: str):
    """An agreement's file, as a download, to its network's coordinators and viewers."""
    agreement = selectors.agreement_document_get_for_user(user=request.user, name=name)
    document = agreement.document
    try:
        handle = document.storage.open(document.name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=agreement_download_name(agreement))
    # Never rendered by the browser (attachment, no type sniffing), never kept in a cache.
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response
