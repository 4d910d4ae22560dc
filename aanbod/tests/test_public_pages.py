"""The parents' pages: search, offer, agenda, calendar files; constant queries, no 500s."""

import datetime as dt
import json

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from aanbod.tests.factories import OccurrenceFactory, OfferFactory, RecurringScheduleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(demo_network):
    """The demo network and its catalogue (a copy of the rows, conftest.py)."""


def test_search_page_shows_results_and_filters(client, catalogue):
    response = client.get("/nl/aanbod/?q=opvoeding")
    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["result"].total > 0
    assert 'name="domain"' in content  # the filters are plain checkboxes (no JS needed)


def test_htmx_request_gets_only_the_results_with_updated_counts(client, catalogue):
    response = client.get("/nl/aanbod/?q=opvoeding", HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="results"')
    assert 'hx-swap-oob="true"' in content
    assert "<html" not in content


@pytest.mark.parametrize(
    "query",
    [
        "?q=" + "x" * 5000,
        "?age=zzz&page=-4&municipality=abc",
        "?page=999999",
        "?q=%01%02",  # NUL bytes answer 400 (huisvanhetkind/tests/test_bad_input.py)
        "?language=xx&moment=42&cost=maybe",
        "?unknown=1&q=(&|!:*",
    ],
)
def test_bad_input_gives_a_normal_page(client, catalogue, query):
    assert client.get("/nl/aanbod/" + query).status_code == 200


def test_an_empty_result_offers_wider_searches_and_the_contact_point(client, catalogue):
    content = client.get("/nl/aanbod/?q=zzzyyyxxx&domain=housing").content.decode()
    assert "?q=zzzyyyxxx" in content  # link without the housing filter
    assert "tel:" in content


def _offers_with_dates(count: int) -> None:
    for _index in range(count):
        schedule = RecurringScheduleFactory(offer=OfferFactory(title="Babbelhoek"))
        for week in range(4):
            OccurrenceFactory(
                offer=schedule.offer, starts_at=timezone.now() + dt.timedelta(weeks=week, hours=1)
            )


@pytest.mark.parametrize("count", [3, 30])
def test_search_runs_at_most_seven_queries_whatever_the_catalogue(
    client, django_assert_max_num_queries, count
):
    _offers_with_dates(count)
    client.get("/nl/aanbod/?q=babbel")  # the school calendar and network are cached now
    # Query words, ranking, the page's offers, places, facets, weekly times, dated activities.
    with django_assert_max_num_queries(7):
        response = client.get("/nl/aanbod/?q=babbel&age=0-3&page=1")
    assert response.status_code == 200
    assert len(response.context["cards"]) == min(count, 20)
    with django_assert_max_num_queries(9):  # cold caches: the school calendar and network
        cache.clear()
        response = client.get("/nl/aanbod/?q=babbel&age=0-3&page=1")
    assert response.status_code == 200


def test_offer_page_has_actions_dates_and_structured_data(client, catalogue):
    from aanbod.models import Offer

    offer = Offer.objects.published().exclude(phone="").first()
    content = client.get(offer.get_absolute_url()).content.decode()
    assert offer.title in content
    assert 'type="application/ld+json"' in content
    assert "https://wa.me/?text=" in content
    assert reverse("aanbod:offer_ics", kwargs={"slug": offer.slug}) in content


def test_structured_data_cannot_end_its_script_or_hide_the_page(client):
    # "<!--" followed by "<script" inside a script element makes the parser swallow the
    # rest of the page (HTML's script-data escaped states); "</script" ends it early.
    summary = 'Kom langs <!-- <script> en </script><h1>x</h1> & "meer"'
    offer = OfferFactory(summary=summary, title="Spel </SCRIPT")
    content = client.get(offer.get_absolute_url()).content.decode()
    opening = '<script type="application/ld+json">'
    block = content.split(opening, 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block and "&" not in block
    data = json.loads(block)
    assert data["description"] == summary
    assert data["name"] == "Spel </SCRIPT"
    assert content.count("</main>") == 1


def test_offer_page_runs_a_constant_number_of_queries(
    client, catalogue, django_assert_max_num_queries
):
    from aanbod.models import Offer

    offer = Offer.objects.published().first()
    client.get(offer.get_absolute_url())  # the school calendar is cached from here on
    # Offer, networks, places, weekly times, dated activities, registration lists.
    with django_assert_max_num_queries(7):
        assert client.get(offer.get_absolute_url()).status_code == 200


def test_an_unpublished_offer_is_404(client):
    offer = OfferFactory(status="draft")
    assert client.get(f"/nl/aanbod/{offer.slug}/").status_code == 404


def test_offer_calendar_file_is_valid_icalendar(client, catalogue):
    from icalendar import Calendar

    from aanbod.models import Offer

    offer = Offer.objects.published().filter(recurring_schedules__isnull=False).first()
    response = client.get(reverse("aanbod:offer_ics", kwargs={"slug": offer.slug}))
    calendar = Calendar.from_ical(response.content)
    assert response["Content-Type"].startswith("text/calendar")
    assert len(calendar.walk("VEVENT")) > 0


def test_agenda_shows_a_week_and_a_feed_of_the_same_filters(client, catalogue):
    response = client.get("/nl/agenda/?age=0-3")
    assert response.status_code == 200
    assert len(response.context["days"]) == 7
    feed = client.get("/nl/agenda.ics?age=0-3")
    assert b"BEGIN:VCALENDAR" in feed.content


@pytest.mark.parametrize("week", ["garbage", "1900-01-01", "2026-13-45", "9999-12-31"])
def test_agenda_ignores_a_bad_week(client, week):
    assert client.get(f"/nl/agenda/?week={week}").status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_agenda_and_home_run_a_constant_number_of_queries(
    client, django_assert_max_num_queries, count
):
    _offers_with_dates(count)
    client.get("/nl/agenda/")
    # Dated and weekly activities (one statement), office days; room for the facets and
    # the network should the shared cache have dropped them.
    with django_assert_max_num_queries(4):
        response = client.get("/nl/agenda/")
    assert response.status_code == 200
    assert any(day.items for day in response.context["days"])
    client.get("/nl/")
    # The home page's network and week are kept (dashboards.selectors.this_week).
    with django_assert_max_num_queries(0):
        response = client.get("/nl/")
    assert response.status_code == 200
    assert 'id="week-title"' in response.content.decode()


def test_social_workers_get_a_refer_button_on_the_offer_page(client, catalogue):
    from aanbod.models import Offer
    from doorverwijzing.tests.factories import social_worker

    offer = Offer.objects.published().first()
    assert "?offer=" not in client.get(offer.get_absolute_url()).content.decode()
    client.force_login(social_worker())
    assert f"?offer={offer.pk}" in client.get(offer.get_absolute_url()).content.decode()


def test_a_missing_translation_falls_back_to_dutch_marked_lang_nl(client):
    offer = OfferFactory(title="Babbelhoek", summary="Kom praten met andere ouders.")
    content = client.get(f"/ar/aanbod/{offer.slug}/").content.decode()
    assert 'lang="nl" dir="ltr">Babbelhoek</h1>' in content
    offer.title_ar = "ركن الدردشة"
    offer.save()
    content = client.get(f"/ar/aanbod/{offer.slug}/").content.decode()
    assert 'id="offer-title">ركن الدردشة</h1>' in content


def test_shortlist_collects_offers_in_the_session_and_shares_a_link(client):
    first, second = OfferFactory(), OfferFactory()
    for offer in (first, second, first):
        client.post(reverse("aanbod:shortlist_add", kwargs={"pk": offer.pk}))
    response = client.get(reverse("aanbod:shortlist"))
    assert [offer.pk for offer in response.context["offers"]] == [first.pk, second.pk]
    content = response.content.decode()
    assert f"?aanbod={first.pk},{second.pk}" in content
    assert "https://wa.me/?text=" in content and "<svg" in content
    client.post(reverse("aanbod:shortlist_remove", kwargs={"pk": first.pk}))
    assert [o.pk for o in client.get(reverse("aanbod:shortlist")).context["offers"]] == [second.pk]


def test_a_shared_list_shows_only_published_offers_and_ignores_junk(client):
    published, draft = OfferFactory(), OfferFactory(status="draft")
    url = reverse("aanbod:shortlist_shared")
    response = client.get(f"{url}?aanbod={published.pk},{draft.pk},abc,,99999999999999")
    assert [offer.pk for offer in response.context["offers"]] == [published.pk]


def test_shortlist_add_refuses_get_and_never_redirects_off_site(client):
    offer = OfferFactory()
    url = reverse("aanbod:shortlist_add", kwargs={"pk": offer.pk})
    assert client.get(url).status_code == 405
    response = client.post(url, {"next": "https://evil.example/"})
    assert response["Location"] == reverse("aanbod:shortlist")


def test_flyer_has_a_qr_code_per_offer(client, catalogue):
    response = client.get(reverse("aanbod:flyer") + "?domain=parenting")
    content = response.content.decode()
    offers = sum(len(items) for _label, items in response.context["groups"])
    assert offers > 0
    assert content.count('<svg role="img"') == offers


def test_happening_now_finds_offers_with_a_slot_or_activity_under_way(client):
    import datetime as dt

    from django.utils import timezone

    from aanbod.models import Occurrence, RecurringSchedule
    from huisvanhetkind.belgian_days import public_holiday_name
    from partners.opening_hours import BRUSSELS

    now = timezone.now().astimezone(BRUSSELS)
    starts = max(dt.time(0, 0), (now - dt.timedelta(hours=1)).time()) if now.hour else dt.time(0)
    ends = dt.time(23, 59) if now.hour >= 23 else (now + dt.timedelta(hours=1)).time()
    weekly, dated, later = OfferFactory(), OfferFactory(), OfferFactory()
    RecurringSchedule.objects.create(offer=weekly, weekday=now.weekday(), starts=starts, ends=ends)
    Occurrence.objects.create(
        offer=dated,
        starts_at=now - dt.timedelta(minutes=30),
        ends_at=now + dt.timedelta(minutes=30),
    )
    Occurrence.objects.create(
        offer=later,
        starts_at=now + dt.timedelta(days=2),
        ends_at=now + dt.timedelta(days=2, hours=1),
    )
    found = {offer.pk for offer in client.get("/nl/aanbod/?open=1").context["result"].offers}
    assert dated.pk in found and later.pk not in found
    if public_holiday_name(now.date()) is None:
        assert weekly.pk in found


def test_dutch_fallback_is_isolated_and_labelled_once_on_an_arabic_page(client):
    OfferFactory(slug="alleen-nl", title="Babymassage", summary="Zacht masseren.")
    content = client.get("/ar/aanbod/alleen-nl/").content.decode()
    assert 'id="offer-title" lang="nl" dir="ltr">Babymassage</h1>' in content
    assert content.count('class="hvhk-in-dutch"') == 1
    assert "(بالهولندية)" in content


def test_an_inline_dutch_title_is_isolated_in_bdi():
    from django.utils import translation

    from aanbod.templatetags.aanbod_tags import fallback_text

    offer = OfferFactory(title="Speelcafé <b>", title_en="Play café")
    with translation.override("ar"):
        assert fallback_text(offer, "title") == '<bdi lang="nl" dir="ltr">Speelcafé &lt;b&gt;</bdi>'
    with translation.override("en"):
        assert fallback_text(offer, "title") == "Play café"


def test_a_translated_offer_has_no_dutch_label(client):
    OfferFactory(slug="vertaald", title="Babymassage", title_ar="تدليك الرضع", summary_ar="نص")
    content = client.get("/ar/aanbod/vertaald/").content.decode()
    assert 'class="hvhk-in-dutch"' not in content
    assert 'id="offer-title">تدليك الرضع</h1>' in content
