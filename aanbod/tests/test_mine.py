"""Mijn aanbod through the pages: access, the offer's life from draft to published, bad input."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aanbod import urls as aanbod_urls
from aanbod.choices import AccessType, Availability, OfferStatus
from aanbod.models import Occurrence, Offer, Participation, RecurringSchedule
from partners.tests.factories import (
    LocationFactory,
    NetworkFactory,
    OrganisationFactory,
)

from .factories import OccurrenceFactory, OfferFactory, RecurringScheduleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(cast):
    """The shared cast (conftest.py), with a draft offer of the owner's organisation."""
    cast.location = LocationFactory(organisation=cast.organisation, network=cast.network)
    cast.offer = OfferFactory(
        organisation=cast.organisation,
        networks=[cast.network],
        status=OfferStatus.DRAFT,
        title="Babymassage",
        slug="babymassage",
    )
    return cast


# URL name -> method. Every /mijn-aanbod/ URL that takes an offer's id must be here.
MINE_URLS = {
    "mine_edit": "get",
    "mine_preview": "get",
    "mine_translations": "get",
    "mine_duplicate": "post",
    "mine_archive": "post",
    "mine_submit": "post",
    "mine_availability": "post",
    "mine_confirm": "post",
    "mine_participation": "get",
    "review_approve": "post",
    "review_send_back": "post",
}
# Pages without an id; all need a login and a role.
MINE_PAGES = {"mine": "get", "mine_new": "get", "review": "get", "mine_confirm_all": "post"}


def _url(name, offer=None):
    return reverse(f"aanbod:{name}", kwargs={"pk": offer.pk} if offer else {})


def test_every_mine_url_with_an_id_is_in_the_access_table():
    mine = [p for p in aanbod_urls.urlpatterns if str(p.pattern).startswith("mijn-aanbod/")]
    assert {p.name for p in mine if "<int:pk>" in str(p.pattern)} == set(MINE_URLS)
    assert {p.name for p in mine if "<int:pk>" not in str(p.pattern)} == set(MINE_PAGES)


@pytest.mark.parametrize("name", sorted(MINE_URLS))
def test_outsider_partner_editor_gets_404_on_another_organisations_offer(client, cast, name):
    client.force_login(cast["outsider"])
    offer = cast["offer"]
    response = getattr(client, MINE_URLS[name])(
        _url(name, offer), {"availability": "full", "remark": "x"}
    )
    # Reviewing is for coordinators: a partner editor is refused before any offer is looked up.
    assert response.status_code == (403 if name.startswith("review_") else 404)
    assert Offer.objects.count() == 1
    offer.refresh_from_db()
    assert (offer.status, offer.availability) == (OfferStatus.DRAFT, Availability.PLACES)


@pytest.mark.parametrize("name", sorted(MINE_URLS))
def test_coordinator_of_another_network_gets_404_on_every_offer_url(client, cast, name):
    client.force_login(cast["far_coordinator"])
    response = getattr(client, MINE_URLS[name])(_url(name, cast["offer"]), {"remark": "x"})
    assert response.status_code == 404


@pytest.mark.parametrize("name", sorted(MINE_URLS))
def test_unknown_offer_is_404_too(client, cast, name):
    client.force_login(cast["coordinator"])
    url = reverse(f"aanbod:{name}", kwargs={"pk": 999_999})
    assert getattr(client, MINE_URLS[name])(url).status_code == 404


@pytest.mark.parametrize("role", ["viewer", "social_worker"])
@pytest.mark.parametrize("name", sorted(MINE_URLS | MINE_PAGES))
def test_viewer_and_social_worker_get_403(client, cast, role, name):
    client.force_login(cast[role])
    offer = cast["offer"] if name in MINE_URLS else None
    method = (MINE_URLS | MINE_PAGES)[name]
    assert getattr(client, method)(_url(name, offer)).status_code == 403


@pytest.mark.parametrize("name", sorted(MINE_URLS | MINE_PAGES))
def test_anonymous_is_sent_to_login(client, cast, name):
    offer = cast["offer"] if name in MINE_URLS else None
    response = getattr(client, (MINE_URLS | MINE_PAGES)[name])(_url(name, offer))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_partner_editor_cannot_open_the_review_page(client, cast):
    client.force_login(cast["owner"])
    assert client.get(_url("review")).status_code == 403


def test_colleague_sees_and_edits_the_organisations_offers(client, cast):
    client.force_login(cast["colleague"])
    content = client.get(_url("mine")).content.decode()
    assert "Babymassage" in content
    assert client.get(_url("mine_edit", cast["offer"])).status_code == 200


def test_list_shows_only_the_organisations_offers_to_a_partner_editor(client, cast):
    OfferFactory(title="Speelcafé van elders", organisation=OrganisationFactory())
    client.force_login(cast["owner"])
    content = client.get(_url("mine")).content.decode()
    assert "Babymassage" in content and "Speelcafé van elders" not in content


def test_coordinator_sees_the_offers_of_the_network(client, cast):
    OfferFactory(title="Taalbabbel", networks=[cast["network"]])
    OfferFactory(title="Speelcafé van elders", networks=[NetworkFactory()])
    client.force_login(cast["coordinator"])
    content = client.get(_url("mine")).content.decode()
    assert "Babymassage" in content and "Taalbabbel" in content
    assert "Speelcafé van elders" not in content


def test_main_menu_has_my_offers_for_editors_only(client, cast):
    client.force_login(cast["owner"])
    assert _url("mine") in client.get("/nl/").content.decode()
    client.force_login(cast["viewer"])
    assert _url("mine") not in client.get("/nl/").content.decode()


# --- The offer's life through the pages -----------------------------------------------


def _offer_data(cast, **overrides):
    data = {
        "organisation": cast["organisation"].pk,
        "title": "Peuterspeelpunt De Knikker",
        "summary": "Spelen met andere peuters, ouders drinken koffie.",
        "description": "Elke week spelen.",
        "keywords": "peuters, spelen",
        "pillars": ["meeting"],
        "life_domains": ["meeting", "leisure"],
        "audience": "families",
        "target_groups": ["parents", "children"],
        "age_from": "12",
        "age_to": "36",
        "access_type": AccessType.WALK_IN,
        "how_to_join": "Kom gewoon binnen.",
        "cost": "free",
        "languages": ["nl", "ar"],
        "locations": [cast["location"].pk],
        "phone": "09 123 45 67",
        "email": "knikker@example.be",
        "url": "knikker.example.be",
        "availability": "places",
        "weekly-TOTAL_FORMS": "1",
        "weekly-INITIAL_FORMS": "0",
        "weekly-0-weekday": "1",
        "weekly-0-starts": "09:00",
        "weekly-0-ends": "11:00",
        "weekly-0-location": cast["location"].pk,
        "dated-TOTAL_FORMS": "1",
        "dated-INITIAL_FORMS": "0",
        "dated-0-date": (timezone.localdate() + dt.timedelta(days=20)).isoformat(),
        "dated-0-starts": "14:00",
        "dated-0-ends": "16:00",
        "dated-0-note": "Sinterklaas komt langs",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_partner_creates_an_offer_with_weekly_and_dated_times(client, cast):
    client.force_login(cast["owner"])
    response = client.post(_url("mine_new"), _offer_data(cast))
    assert response.status_code == 302, response.content.decode()[:3000]
    offer = Offer.objects.get(title_nl="Peuterspeelpunt De Knikker")
    assert offer.status == OfferStatus.DRAFT
    assert offer.slug == "peuterspeelpunt-de-knikker"
    assert (offer.age_months.lower, offer.age_months.upper) == (12, 36)
    assert offer.url == "https://knikker.example.be"
    assert list(offer.networks.all()) == [cast["network"]]
    assert list(offer.locations.all()) == [cast["location"]]
    schedule = RecurringSchedule.objects.get(offer=offer)
    assert (schedule.weekday, schedule.starts, schedule.location) == (
        1,
        dt.time(9),
        cast["location"],
    )
    assert Occurrence.objects.get(offer=offer).note == "Sinterklaas komt langs"
    assert 1 in Offer.objects.values_list("indexed_weekdays", flat=True).get(pk=offer.pk)


def test_an_offer_made_on_an_arabic_page_is_stored_in_dutch(client, cast):
    client.force_login(cast["owner"])
    # override() restores the test's language after the Arabic request activated its own.
    with translation.override("ar"):
        client.post(reverse("aanbod:mine_new"), _offer_data(cast))
    offer = Offer.objects.get(slug="peuterspeelpunt-de-knikker")
    assert offer.title_nl == "Peuterspeelpunt De Knikker" and not offer.title_ar


def test_pregnancy_choice_maps_onto_months_before_birth(client, cast):
    client.force_login(cast["owner"])
    client.post(_url("mine_new"), _offer_data(cast, age_from="-9", age_to="0"))
    offer = Offer.objects.get(slug="peuterspeelpunt-de-knikker")
    assert (offer.age_months.lower, offer.age_months.upper) == (-9, 0)


def test_editing_keeps_an_age_in_months_set_elsewhere(client, cast):
    from django.db.backends.postgresql.psycopg_any import NumericRange

    offer = cast["offer"]
    Offer.objects.filter(pk=offer.pk).update(age_months=NumericRange(0, 18))
    client.force_login(cast["owner"])
    page = client.get(_url("mine_edit", offer)).content.decode()
    assert 'value="18" selected' in page


def test_bad_times_give_a_message_per_field_and_keep_what_was_typed(client, cast):
    client.force_login(cast["owner"])
    response = client.post(
        _url("mine_new"),
        _offer_data(cast, **{"weekly-0-ends": "08:00", "dated-0-date": "31-02-2026"}),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert _("The end time must be after the start time.") in content
    assert _("Enter a valid date.") in content
    assert "Peuterspeelpunt De Knikker" in content  # nothing lost
    assert not Offer.objects.filter(slug="peuterspeelpunt-de-knikker").exists()


def test_a_post_without_the_formset_management_data_is_a_message_not_a_500(client, cast):
    client.force_login(cast["owner"])
    data = {k: v for k, v in _offer_data(cast).items() if not k.startswith(("weekly-", "dated-"))}
    response = client.post(_url("mine_new"), data)
    assert response.status_code == 200
    assert not Offer.objects.filter(slug="peuterspeelpunt-de-knikker").exists()


def test_bad_ages_and_a_missing_referral_note_are_shown_at_their_fields(client, cast):
    client.force_login(cast["owner"])
    response = client.post(
        _url("mine_new"),
        _offer_data(cast, age_from="72", age_to="36", access_type=AccessType.REFERRAL_ONLY),
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert _("The end age must be after the start age.") in content
    response = client.post(_url("mine_new"), _offer_data(cast, access_type="referral_only"))
    assert _("Say which services can refer a family to this offer.") in response.content.decode()
    assert not Offer.objects.filter(slug="peuterspeelpunt-de-knikker").exists()


def test_absurd_values_are_messages_not_500s(client, cast):
    client.force_login(cast["owner"])
    response = client.post(
        _url("mine_new"),
        _offer_data(
            cast,
            title="x" * 1000,
            age_from="banana",
            locations=["999999"],
            **{"weekly-0-weekday": "9", "weekly-TOTAL_FORMS": "5000"},
        ),
    )
    assert response.status_code == 200
    assert (
        not Offer.objects.filter(organisation=cast["organisation"])
        .exclude(pk=cast["offer"].pk)
        .exists()
    )


def _png(name="foto.png"):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_an_image_needs_a_description(client, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(cast["owner"])
    response = client.post(_url("mine_new"), _offer_data(cast, image=_png()))
    assert response.status_code == 200
    assert _("Describe the image for people who cannot see it.") in response.content.decode()
    response = client.post(
        _url("mine_new"), _offer_data(cast, image=_png(), image_alt="Een papa met een baby")
    )
    assert response.status_code == 302
    offer = Offer.objects.get(slug="peuterspeelpunt-de-knikker")
    assert offer.image.name.startswith("offers/") and offer.image_alt == "Een papa met een baby"


def test_a_file_that_is_no_image_is_refused(client, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cast["owner"])
    fake = SimpleUploadedFile("foto.png", b"not an image", content_type="image/png")
    response = client.post(_url("mine_new"), _offer_data(cast, image=fake, image_alt="x"))
    assert response.status_code == 200
    assert not Offer.objects.filter(slug="peuterspeelpunt-de-knikker").exists()


def test_coordinator_adds_an_offer_for_a_partner_of_the_network(client, cast):
    partner = OrganisationFactory(networks=[cast["network"]])
    client.force_login(cast["coordinator"])
    page = client.get(_url("mine_new")).content.decode()
    assert f'value="{partner.pk}"' in page
    response = client.post(
        _url("mine_new"), _offer_data(cast, organisation=partner.pk, locations=[])
    )
    assert response.status_code == 302
    assert Offer.objects.get(slug="peuterspeelpunt-de-knikker").organisation == partner


def test_a_partner_cannot_add_an_offer_for_another_organisation(client, cast):
    client.force_login(cast["owner"])
    response = client.post(
        _url("mine_new"), _offer_data(cast, organisation=OrganisationFactory().pk)
    )
    assert response.status_code == 200
    assert not Offer.objects.filter(slug="peuterspeelpunt-de-knikker").exists()


def test_another_organisations_place_cannot_be_chosen(client, cast):
    elsewhere = LocationFactory()
    client.force_login(cast["owner"])
    response = client.post(_url("mine_new"), _offer_data(cast, locations=[elsewhere.pk]))
    assert response.status_code == 200
    assert (
        _("Select a valid choice. %(value)s is not one of the available choices.")
        % {"value": elsewhere.pk}
        in response.content.decode()
    )


def test_editing_changes_and_removes_times(client, cast):
    offer = cast["offer"]
    schedule = RecurringScheduleFactory(offer=offer, weekday=2)
    past = OccurrenceFactory(
        offer=offer, starts_at=timezone.now() - dt.timedelta(days=10), note="voorbij"
    )
    coming = OccurrenceFactory(offer=offer, starts_at=timezone.now() + dt.timedelta(days=10))
    client.force_login(cast["owner"])
    page = client.get(_url("mine_edit", offer))
    weekly, dated = page.context["weekly"], page.context["dated"]
    assert [form.initial["id"] for form in weekly.initial_forms] == [schedule.id]
    assert [form.initial["id"] for form in dated.initial_forms] == [coming.id]
    data = _offer_data(
        cast,
        title="Babymassage (nieuw)",
        **{
            "weekly-TOTAL_FORMS": "2",
            "weekly-INITIAL_FORMS": "1",
            "weekly-0-id": str(schedule.id),
            "weekly-0-weekday": "4",
            "weekly-0-starts": "13:00",
            "weekly-0-ends": "15:00",
            "weekly-1-weekday": "",
            "weekly-1-starts": "",
            "weekly-1-ends": "",
            "weekly-1-location": "",
            "dated-TOTAL_FORMS": "1",
            "dated-INITIAL_FORMS": "1",
            "dated-0-id": str(coming.id),
            "dated-0-DELETE": "on",
        },
    )
    response = client.post(_url("mine_edit", offer), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    schedule.refresh_from_db()
    assert (schedule.weekday, schedule.starts) == (4, dt.time(13))
    assert list(offer.occurrences.all()) == [past]
    offer.refresh_from_db()
    assert offer.title_nl == "Babymassage (nieuw)"


def test_draft_to_review_to_sent_back_to_published(client, cast):
    offer = cast["offer"]
    client.force_login(cast["owner"])
    client.post(_url("mine_submit", offer))
    offer.refresh_from_db()
    assert offer.status == OfferStatus.IN_REVIEW

    client.force_login(cast["coordinator"])
    assert "Babymassage" in client.get(_url("review")).content.decode()
    client.post(_url("review_send_back", offer), {"remark": "Voeg de prijs toe."})
    offer.refresh_from_db()
    assert (offer.status, offer.review_remark) == (OfferStatus.DRAFT, "Voeg de prijs toe.")

    client.force_login(cast["owner"])
    assert "Voeg de prijs toe." in client.get(_url("mine")).content.decode()
    client.post(_url("mine_submit", offer))

    client.force_login(cast["coordinator"])
    client.post(_url("review_approve", offer))
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PUBLISHED
    assert client.get(offer.get_absolute_url()).status_code == 200
    assert "Babymassage" not in client.get(_url("review")).content.decode()


def test_the_review_filters_are_labelled_and_a_wrong_partner_shows_beside_its_field(client, cast):
    own = OfferFactory(
        organisation=cast["organisation"],
        networks=[cast["network"]],
        status=OfferStatus.IN_REVIEW,
        title="Peuterturnen",
    )
    far = OfferFactory(
        organisation=OrganisationFactory(networks=[cast["far_network"]]),
        networks=[cast["far_network"]],
        status=OfferStatus.IN_REVIEW,
        title="Ver weg",
    )
    client.force_login(cast["coordinator"])

    page = client.get(_url("review")).content.decode()
    assert '<label for="id_partner">' in page and '<label for="id_kind">' in page
    assert f'value="{cast["organisation"].slug}"' in page
    assert far.organisation.slug not in page

    response = client.get(_url("review"), {"partner": far.organisation.slug})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in page and 'aria-describedby="id_partner_error"' in page
    assert "<title>" + _("Error:") in page
    assert own.title in page and far.title not in page

    response = client.get(_url("review"), {"partner": cast["organisation"].slug, "kind": "new"})
    assert own.title in response.content.decode() and "aria-invalid" not in str(response.content)


def test_sending_back_without_a_remark_is_refused_with_a_message(client, cast):
    offer = cast["offer"]
    Offer.objects.filter(pk=offer.pk).update(status=OfferStatus.IN_REVIEW)
    client.force_login(cast["coordinator"])
    response = client.post(_url("review_send_back", offer), {"remark": "  "}, follow=True)
    assert _("Say what the partner should change.") in response.content.decode()
    offer.refresh_from_db()
    assert offer.status == OfferStatus.IN_REVIEW


def test_approving_twice_is_a_message_not_a_500(client, cast):
    offer = cast["offer"]
    client.force_login(cast["coordinator"])
    response = client.post(_url("review_approve", offer), follow=True)
    assert response.status_code == 200
    assert _("Only an offer in review can be published.") in response.content.decode()


def test_a_change_to_a_published_offer_shows_at_once(client, cast):
    offer = OfferFactory(
        organisation=cast["organisation"], networks=[cast["network"]], slug="spelotheek"
    )
    client.force_login(cast["owner"])
    data = _offer_data(
        cast,
        title="Spelotheek De Tol",
        **{"dated-TOTAL_FORMS": "0", "weekly-TOTAL_FORMS": "0"},
    )
    assert client.post(_url("mine_edit", offer), data).status_code == 302
    client.logout()
    assert "Spelotheek De Tol" in client.get(offer.get_absolute_url()).content.decode()
    assert "Spelotheek De Tol" in client.get("/nl/aanbod/?q=spelotheek").content.decode()


def test_preview_shows_a_draft_to_its_editors_only(client, cast):
    offer = cast["offer"]
    client.force_login(cast["owner"])
    response = client.get(_url("mine_preview", offer))
    content = response.content.decode()
    assert response.status_code == 200
    assert "hvhk-preview-banner" in content and "Babymassage" in content
    assert 'name="robots" content="noindex"' in content
    client.logout()
    assert client.get(offer.get_absolute_url()).status_code == 404


def test_availability_in_one_click_without_javascript(client, cast):
    offer = cast["offer"]
    client.force_login(cast["owner"])
    next_url = _url("mine") + "?status=draft"
    response = client.post(
        _url("mine_availability", offer), {"availability": "waiting_list", "next": next_url}
    )
    assert response.status_code == 302 and response["Location"] == next_url
    offer.refresh_from_db()
    assert offer.availability == Availability.WAITING_LIST


def test_availability_with_htmx_swaps_the_row_and_announces_it(client, cast):
    offer = cast["offer"]
    client.force_login(cast["owner"])
    response = client.post(
        _url("mine_availability", offer), {"availability": "full"}, HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert f'id="offer-row-{offer.pk}"' in content
    assert 'hx-swap-oob="innerHTML"' in content and "utrecht-alert--ok" in content
    assert f'id="availability-{offer.pk}-full" aria-pressed="true"' in content
    offer.refresh_from_db()
    assert offer.availability == Availability.FULL


def test_an_unknown_availability_is_a_message(client, cast):
    client.force_login(cast["owner"])
    response = client.post(
        _url("mine_availability", cast["offer"]), {"availability": "maybe"}, follow=True
    )
    assert _("Choose one of the options.") in response.content.decode()


def test_an_open_redirect_through_next_is_refused(client, cast):
    client.force_login(cast["owner"])
    response = client.post(
        _url("mine_availability", cast["offer"]),
        {"availability": "full", "next": "https://evil.example/"},
    )
    assert response["Location"] == _url("mine")


def test_duplicate_makes_a_draft_copy_and_opens_it(client, cast):
    offer = OfferFactory(
        organisation=cast["organisation"], networks=[cast["network"]], title="Knuffelturnen"
    )
    RecurringScheduleFactory(offer=offer)
    client.force_login(cast["owner"])
    response = client.post(_url("mine_duplicate", offer))
    copy = Offer.objects.exclude(pk__in=[offer.pk, cast["offer"].pk]).get()
    assert response["Location"] == _url("mine_edit", copy)
    assert copy.status == OfferStatus.DRAFT and copy.title_nl == _("Copy of %(title)s") % {
        "title": "Knuffelturnen"
    }
    assert copy.recurring_schedules.count() == 1


def test_archive_then_editing_is_refused_with_a_message(client, cast):
    offer = cast["offer"]
    client.force_login(cast["owner"])
    client.post(_url("mine_archive", offer))
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ARCHIVED
    response = client.get(_url("mine_edit", offer), follow=True)
    assert (
        _("An archived offer cannot be changed. Make a copy to use it again.")
        in response.content.decode()
    )
    response = client.post(_url("mine_archive", offer), follow=True)
    assert _("This offer is already archived.") in response.content.decode()


def test_confirming_is_one_click_and_clears_the_question(client, cast):
    offer = OfferFactory(
        organisation=cast["organisation"],
        networks=[cast["network"]],
        last_verified=timezone.localdate() - dt.timedelta(days=200),
        confirmation_requested_at=timezone.now(),
    )
    client.force_login(cast["owner"])
    assert reverse("aanbod:mine_confirm", kwargs={"pk": offer.pk}) in (
        client.get(_url("mine")).content.decode()
    )
    response = client.post(_url("mine_confirm", offer), HTTP_HX_REQUEST="true")
    assert _("Thank you: confirmed as still right.") in response.content.decode()
    offer.refresh_from_db()
    assert offer.last_verified == timezone.localdate()
    assert offer.confirmation_requested_at is None


def test_partner_enters_participation_in_one_step(client, cast):
    offer = OfferFactory(organisation=cast["organisation"], networks=[cast["network"]])
    activity = OccurrenceFactory(offer=offer, starts_at=timezone.now() - dt.timedelta(days=2))
    client.force_login(cast["owner"])
    page = client.get(_url("mine_participation", offer))
    assert page.status_code == 200
    response = client.post(
        _url("mine_participation", offer),
        {"occurrence": activity.pk, "families": "6", "children": "8", "children_0_3": "5"},
    )
    assert response.status_code == 302
    entry = Participation.objects.get()
    assert (entry.families, entry.children, entry.children_0_3, entry.children_3_6) == (
        6,
        8,
        5,
        None,
    )
    assert entry.date == timezone.localtime(activity.starts_at).date()
    assert entry.entered_by == cast["owner"]


def test_participation_bad_input_is_shown_and_not_saved(client, cast):
    offer = cast["offer"]
    client.force_login(cast["owner"])
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    cases = [
        (
            {"date": tomorrow, "families": "1", "children": "1"},
            "Enter the numbers after the activity took place.",
        ),
        (
            {"date": "2026-01-05", "families": "2", "children": "2", "children_3_6": "3"},
            "The children per age group add up to more than this number.",
        ),
        ({"families": "-1", "children": "x"}, "Choose the activity or fill in the date."),
    ]
    for data, message in cases:
        response = client.post(_url("mine_participation", offer), data)
        assert response.status_code == 200
        assert _(message) in response.content.decode()
    assert not Participation.objects.exists()


def test_a_services_refusal_is_shown_beside_the_field_it_is_about(client, cast):
    offer = cast["offer"]
    client.force_login(cast["owner"])
    response = client.post(_url("mine_new"), _offer_data(cast, access_type="referral_only"))
    assert response.context["form"].errors["referral_note"] == [
        _("Say which services can refer a family to this offer.")
    ]
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(
        _url("mine_participation", offer), {"date": tomorrow, "families": "1", "children": "1"}
    )
    assert response.context["form"].errors["date"] == [
        _("Enter the numbers after the activity took place.")
    ]


# --- Query counts ----------------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 30])
def test_mine_list_runs_a_fixed_number_of_queries(
    client, cast, django_assert_max_num_queries, count
):
    for _index in range(count):
        OfferFactory(
            organisation=cast["organisation"],
            networks=[cast["network"]],
            review_remark="Zie opmerking",
            indexed=False,
        )
    client.force_login(cast["coordinator"])
    with django_assert_max_num_queries(7):
        response = client.get(_url("mine"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 30])
def test_review_page_runs_a_fixed_number_of_queries(
    client, cast, django_assert_max_num_queries, count
):
    for _index in range(count):
        OfferFactory(
            organisation=OrganisationFactory(networks=[cast["network"]]),
            networks=[cast["network"]],
            status=OfferStatus.IN_REVIEW,
            indexed=False,
        )
    client.force_login(cast["coordinator"])
    # One more than the list: the partners to choose from.
    with django_assert_max_num_queries(6):
        response = client.get(_url("review"))
    assert response.status_code == 200
    assert len(response.context["offers"]) == count
    partner = response.context["offers"][0].organisation.slug
    with django_assert_max_num_queries(6):
        response = client.get(_url("review"), {"partner": partner, "kind": "new"})
    assert response.status_code == 200
    assert len(response.context["offers"]) == 1
