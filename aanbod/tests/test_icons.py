"""Pictograms: vendored, hidden from screen readers, always beside visible text."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.template import Context, Template

from aanbod import icons
from aanbod.choices import AccessType, AgeGroup, Cost, LifeDomain
from aanbod.tests.factories import OfferFactory
from partners.tests.factories import LocationFactory, NetworkFactory

pytestmark = pytest.mark.django_db


def test_every_mapped_icon_is_vendored_with_its_licence():
    assert finders.find(f"{icons.ICON_DIRECTORY}/LICENSE")
    missing = [n for n in icons.all_icon_names() if not finders.find(f"vendor/tabler/{n}.svg")]
    assert missing == []


def test_every_life_domain_age_group_and_access_type_has_a_pictogram():
    assert set(icons.LIFE_DOMAIN_ICONS) == set(LifeDomain.values)
    assert set(icons.AGE_GROUP_ICONS) == set(AgeGroup.values)
    assert set(icons.ACCESS_TYPE_ICONS) == set(AccessType.values)


def test_the_vendor_script_copies_every_mapped_icon():
    with open("scripts/vendor-static.sh", encoding="utf-8") as script:
        listed = set(re.search(r'TABLER_ICONS="([^"]*)"', script.read()).group(1).split())
    assert icons.all_icon_names() <= listed


def test_icon_tag_renders_inline_svg_hidden_from_screen_readers_without_inline_style():
    html = Template('{% load aanbod_tags %}{% icon "map-pin" %}').render(Context())
    assert html.startswith('<svg class="hvhk-icon" aria-hidden="true" focusable="false"')
    assert 'stroke="currentColor"' in html
    assert "style" not in html
    assert "icon-tabler" not in html


@pytest.mark.parametrize("name", ["", "../../settings", "does-not-exist", "MAP-PIN"])
def test_icon_tag_gives_nothing_for_an_unknown_or_unsafe_name(name):
    assert Template("{% load aanbod_tags %}{% icon name %}").render(Context({"name": name})) == ""


def test_free_and_paid_offers_get_different_cost_pictograms():
    assert icons.cost_icon(Cost.FREE) != icons.cost_icon(Cost.PAID)


def test_offer_card_and_page_show_pictograms_beside_the_fact_text(client):
    network = NetworkFactory()
    place = LocationFactory(network=network, wheelchair_accessible=True)
    offer = OfferFactory(
        title="Babbelhoek",
        cost=Cost.FREE,
        access_type=AccessType.REGISTRATION,
        networks=[network],
        locations=[place],
    )

    card = client.get("/nl/aanbod/?q=babbelhoek").content.decode()
    page = client.get(offer.get_absolute_url()).content.decode()

    for content in (card, page):
        facts = content[content.index('class="hvhk-facts') :]
        facts = facts[: facts.index("</dl>")]
        assert facts.count('aria-hidden="true"') >= 3
        assert re.search(r'<dt><svg class="hvhk-icon"[^>]*>.*?</svg>Voor wie</dt>', facts)
        assert "Rolstoeltoegankelijk" in facts
    assert "clipboard-check" not in card  # the class names of the set are dropped


def test_wheelchair_fact_only_when_every_place_is_accessible(client):
    network = NetworkFactory()
    offer = OfferFactory(
        networks=[network],
        locations=[
            LocationFactory(network=network, wheelchair_accessible=True),
            LocationFactory(network=network, wheelchair_accessible=False),
        ],
    )
    page = client.get(offer.get_absolute_url()).content.decode()
    assert "Rolstoeltoegankelijk" not in page


def test_home_question_tiles_carry_the_pictogram_of_their_filter(client):
    response = client.get("/nl/")
    tiles = response.context["entry_points"]
    assert all(icon for _label, _query, icon in tiles)
    content = response.content.decode()
    tile_list = content[content.index('class="hvhk-entry-points"') :]
    tile_list = tile_list[: tile_list.index("</ul>")]
    assert tile_list.count('<svg class="hvhk-icon" aria-hidden="true"') == len(tiles)
