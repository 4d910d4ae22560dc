"""Result cards in their frames: the same HTML as including the frame for every card."""

import re

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils.safestring import mark_safe

from aanbod.search.cards import Card

# The layout's context processors read the portal's network.
pytestmark = pytest.mark.django_db

EACH_INCLUDED = '{% for card in cards %}{% include "aanbod/_offer_card.html" %}|{% endfor %}'
FRAMED = (
    "{% load aanbod_tags %}{% framed_cards cards as framed %}"
    "{% for card in framed %}{{ card }}|{% endfor %}"
)


def _both(path: str, cards: list[Card]) -> tuple[str, str]:
    request = RequestFactory().get(path)
    engine = engines["django"]
    included = engine.from_string(EACH_INCLUDED).render({"cards": cards}, request)
    framed = engine.from_string(FRAMED).render({"cards": cards}, request)
    # Every rendering masks the CSRF token anew.
    return _unmasked(included), _unmasked(framed)


def _unmasked(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "csrf", html)


def test_framed_cards_equal_each_card_included_in_both_shortlist_states():
    cards = [
        Card(id=7, html=mark_safe('<h3 id="offer-7">Babymassage</h3>'), in_shortlist=False),
        Card(id=12, html=mark_safe('<h3 id="offer-12">Zwemles</h3>'), in_shortlist=True),
        Card(id=345, html=mark_safe('<h3 id="offer-345">Speelpunt</h3>'), in_shortlist=False),
    ]
    included, framed = _both("/nl/aanbod/?q=zwemles&age=0-3", cards)
    assert framed == included
    assert 'action="/nl/lijstje/verwijderen/12/"' in framed


def test_a_return_address_with_the_stand_in_id_stays_as_asked():
    cards = [Card(id=5, html=mark_safe("<p>x</p>"), in_shortlist=False)]
    included, framed = _both("/nl/aanbod/?q=2147483647%20<!-- the kept card -->", cards)
    assert framed == included
    assert "2147483647" in framed
