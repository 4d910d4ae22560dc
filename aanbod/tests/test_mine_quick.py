"""The partner's editor is quick (issue 15): sections, marked fields, a linked error list,
ages in months, "send for review" from the preview, "still right" for all offers at once."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from aanbod.choices import OfferStatus
from aanbod.forms import age_from_choices, age_to_choices
from aanbod.models import Offer

from .factories import OfferFactory
from .test_mine import _offer_data, _url, cast  # noqa: F401 (the shared cast)

pytestmark = pytest.mark.django_db
# ruff: noqa: F811 (pytest fixture `cast` imported from test_mine)


def test_the_form_comes_in_sections_with_the_times_after_for_whom(client, cast):
    client.force_login(cast["owner"])
    content = client.get(_url("mine_new")).content.decode()
    headings = [
        "Wat",
        "Voor wie",
        "Wanneer: elke week",
        "Wanneer: op een datum",
        "Waar",
        "Kosten en hoe deelnemen",
    ]
    positions = [content.index(f">{heading}</h2>") for heading in headings]
    assert positions == sorted(positions)
    assert 'class="hvhk-buttons hvhk-sticky-actions"' in content


def test_required_fields_are_marked(client, cast):
    client.force_login(cast["owner"])
    content = client.get(_url("mine_new")).content.decode()
    assert 'for="id_title" class="hvhk-required"' in content
    assert 'for="id_description" class="hvhk-required"' not in content


def test_the_error_summary_links_each_field_with_an_error(client, cast):
    client.force_login(cast["owner"])
    response = client.post(
        _url("mine_new"), _offer_data(cast, title="", **{"weekly-0-ends": "08:00"})
    )
    assert response.status_code == 200
    content = response.content.decode()
    summary = content[
        content.index('id="error-summary"') : content.index(
            "</ul>", content.index('id="error-summary"')
        )
    ]
    assert 'href="#id_title"' in summary
    assert 'href="#id_weekly-0-' in summary
    assert not Offer.objects.filter(title_nl="").exists()


def test_ages_can_be_given_in_months_for_the_youngest():
    from_values = [value for value, _label in age_from_choices()]
    to_values = [value for value, _label in age_to_choices()]
    for months in ("2", "8", "18", "30"):
        assert months in from_values and months in to_values
    labels = dict(age_to_choices())
    assert labels["8"] == "8 maanden" and labels["36"] == "3 jaar"


def test_an_offer_for_babies_of_2_to_8_months_is_saved(client, cast):
    client.force_login(cast["owner"])
    response = client.post(_url("mine_new"), _offer_data(cast, age_from="2", age_to="8"))
    assert response.status_code == 302
    offer = Offer.objects.get(slug="peuterspeelpunt-de-knikker")
    assert (offer.age_months.lower, offer.age_months.upper) == (2, 8)


def test_a_draft_is_sent_for_review_from_its_preview(client, cast):
    offer = cast["offer"]
    client.force_login(cast["owner"])
    content = client.get(_url("mine_preview", offer)).content.decode()
    assert reverse("aanbod:mine_submit", kwargs={"pk": offer.pk}) in content
    response = client.post(_url("mine_submit", offer))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == OfferStatus.IN_REVIEW


def test_still_right_for_all_of_the_organisations_offers_in_one_go(client, cast):
    long_ago = timezone.localdate() - dt.timedelta(days=400)
    mine = [
        OfferFactory(
            organisation=cast["organisation"], status=OfferStatus.PUBLISHED, last_verified=long_ago
        )
        for _index in range(3)
    ]
    other = OfferFactory(status=OfferStatus.PUBLISHED, last_verified=long_ago)
    client.force_login(cast["owner"])
    content = client.get(_url("mine")).content.decode()
    assert reverse("aanbod:mine_confirm_all") in content
    response = client.post(reverse("aanbod:mine_confirm_all"), follow=True)
    assert response.status_code == 200
    assert "3 aanbiedingen bevestigd" in response.content.decode()
    for offer in mine:
        offer.refresh_from_db()
        assert offer.last_verified == timezone.localdate()
    other.refresh_from_db()
    assert other.last_verified == long_ago


def test_a_partner_translates_an_offer_with_the_dutch_beside(client, cast):
    offer = cast["offer"]
    url = reverse("aanbod:mine_translations", kwargs={"pk": offer.pk})
    client.force_login(cast["owner"])
    response = client.get(url, {"taal": "ar"})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'lang="ar" dir="rtl"' in content
    assert 'lang="nl" dir="ltr">Babymassage</p>' in content
    response = client.post(url, {"language": "ar", "title": "تدليك الرضع", "summary": "للرضع"})
    assert response.status_code == 302 and response["Location"].endswith("?taal=ar")
    offer.refresh_from_db()
    assert (offer.title_ar, offer.title_nl) == ("تدليك الرضع", "Babymassage")


def test_an_unknown_language_falls_back_to_the_first_tab_and_a_too_long_title_is_a_message(
    client, cast
):
    offer = cast["offer"]
    url = reverse("aanbod:mine_translations", kwargs={"pk": offer.pk})
    client.force_login(cast["owner"])
    assert client.get(url, {"taal": "xx"}).status_code == 200
    response = client.post(url, {"language": "fr", "title": "x" * 400})
    assert response.status_code == 200
    offer.refresh_from_db()
    assert not offer.title_fr


def test_an_outsider_cannot_translate_another_organisations_offer(client, cast):
    client.force_login(cast["outsider"])
    url = reverse("aanbod:mine_translations", kwargs={"pk": cast["offer"].pk})
    assert client.post(url, {"language": "fr", "title": "Massage"}).status_code == 404
