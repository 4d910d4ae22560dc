"""The words of a parent's question, rule by rule (aanbod.search.parsing; no database)."""

import datetime as dt

from aanbod.filters import OfferFilters
from aanbod.search.parsing import (
    need_domains,
    parse_query,
    place_candidates,
    places_from_rows,
    understood_filters,
    window_for,
)
from partners.opening_hours import BRUSSELS


def test_filler_words_of_a_question_are_dropped():
    assert parse_query("we hebben geldzorgen").text == "geldzorgen"
    assert parse_query("waar kan ik terecht met mijn baby").text == "baby"
    assert parse_query("mijn kind pest").text == "pest"


def test_a_filler_word_alone_is_still_searched():
    assert parse_query("kind").text == "kind"


def test_need_words_point_to_their_life_domain():
    assert need_domains("geldzorgen") == ("money",)
    assert need_domains("Schulden") == ("money",)
    assert need_domains("pesten") == ("mental_wellbeing",)
    assert need_domains("babymassage") == ()


def test_a_belgian_postcode_becomes_a_place_and_leaves_the_text():
    words = parse_query("babymassage 9240")
    assert (words.text, words.postcodes) == ("babymassage", ("9240",))
    assert parse_query("0999 12345").postcodes == ()


def test_weekdays_weekend_and_evening_become_the_when_filter():
    assert parse_query("zwemmen op woensdag").moments == ("2",)
    assert parse_query("zwemmen op woensdag").text == "zwemmen"
    assert parse_query("dit weekend").moments == ("weekend",)
    assert parse_query("dit weekend").text == ""
    assert parse_query("'s avonds yoga").moments == ("evening",)


def test_today_and_tomorrow_become_a_date_window():
    assert (parse_query("vandaag").when, parse_query("vandaag").text) == ("today", "")
    assert parse_query("speelpunt morgen").when == "tomorrow"
    assert parse_query("vanavond").moments == ("evening",)
    # "'s morgens" is the morning, not tomorrow.
    assert parse_query("'s morgens").when == ""


def test_today_runs_from_now_to_midnight_and_tomorrow_is_the_whole_day():
    now = dt.datetime(2026, 12, 2, 19, 30, tzinfo=BRUSSELS)
    assert window_for("today", now, BRUSSELS) == (
        now,
        dt.datetime(2026, 12, 3, 0, 0, tzinfo=BRUSSELS),
    )
    assert window_for("tomorrow", now, BRUSSELS) == (
        dt.datetime(2026, 12, 3, 0, 0, tzinfo=BRUSSELS),
        dt.datetime(2026, 12, 4, 0, 0, tzinfo=BRUSSELS),
    )


def test_place_candidates_are_runs_of_up_to_three_words():
    assert place_candidates(["babbel", "ter", "heide"]) == (
        "babbel", "ter", "heide", "babbel ter", "ter heide", "babbel ter heide",
    )  # fmt: skip
    assert "boom" not in place_candidates(["boom"])


def test_a_municipality_wins_over_its_sub_municipality_and_a_longer_name_over_its_words():
    rows = [
        ("place", "wilgendaal", "municipality:1", 1.0),
        ("place", "wilgendaal", "deelgemeente:7", 1.0),
        ("place", "ter heide", "deelgemeente:9", 1.0),
        ("place", "heide", "deelgemeente:10", 1.0),
        ("known", "babbel", None, 1.0),
    ]
    places, used = places_from_rows(rows)
    assert sorted(places) == [("deelgemeente", 9, "ter heide"), ("municipality", 1, "wilgendaal")]
    assert used == {"ter", "heide", "wilgendaal"}


def test_understood_words_add_to_the_chosen_filters():
    words = parse_query("woensdag vandaag")
    filters = understood_filters(
        OfferFilters(moments=("5",), municipalities=(3,)), words, [("municipality", 4, "x")]
    )
    assert filters.moments == ("5", "2")
    assert filters.municipalities == (3, 4)
    assert filters.when == "today"
