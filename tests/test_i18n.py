import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "direction"),
    [("nl", "ltr"), ("en", "ltr"), ("fr", "ltr"), ("ar", "rtl"), ("tr", "ltr"), ("uk", "ltr")],
)
def test_every_page_has_the_right_lang_and_dir(client, lang, direction):
    content = client.get(f"/{lang}/").content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in content


def test_root_redirects_to_dutch_by_default(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/nl/"


def test_language_switcher_names_each_language_in_itself(client):
    content = client.get("/nl/privacy/").content.decode()
    for link in (
        'href="/fr/privacy/" lang="fr"',
        ">français<",
        ">العربيّة<",
        ">Türkçe<",
        ">Українська<",
        ">English<",
    ):
        assert link in content


def test_dutch_copy_is_complete_on_the_home_page(client):
    content = client.get("/nl/").content.decode()
    assert "Ga naar de inhoud" in content
    assert "Skip to content" not in content


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("uk", "пʼятниця 4 грудня"), ("fr", "vendredi 4 décembre"), ("nl", "vrijdag 4 december")],
)
def test_a_day_and_its_month_are_in_the_right_case(lang, expected):
    import datetime as dt

    from django.utils import translation

    from huisvanhetkind.templatetags.dates import day_month

    with translation.override(lang):
        assert day_month(dt.date(2026, 12, 4), "weekday") == expected


@pytest.mark.parametrize(
    ("lang", "months", "expected"),
    [
        ("uk", (0, 24), "від народження до 2 років"),
        ("ar", (0, 24), "من الولادة إلى 2 سنة"),
        ("uk", (-9, 36), "від вагітності до 3 років"),
        ("ar", (-9, 36), "من الحمل إلى 3 سنوات"),
        ("uk", (12, 36), "від 1 року до 3 років"),
        ("nl", (0, 24), "van geboorte tot 2 jaar"),
    ],
)
def test_an_age_range_never_doubles_its_from(lang, months, expected):
    from django.db.backends.postgresql.psycopg_any import NumericRange
    from django.utils import translation

    from aanbod.models import Offer
    from aanbod.templatetags.aanbod_tags import age_label

    offer = Offer(age_months=NumericRange(*months))
    with translation.override(lang):
        assert age_label(offer) == expected


# Correct as written: Dutch "Gaf je je e-mailadres?", Turkish reduplication ("often", "gladly").
ALLOWED_REPEATS = {"je je", "sık sık", "seve seve"}


def test_no_translation_repeats_a_word():
    import re
    from pathlib import Path

    doubled = re.compile(r"(?<!\w)(\w{2,})\s+\1(?!\w)", re.IGNORECASE)
    found = []
    for po_file in Path("locale").glob("*/LC_MESSAGES/django.po"):
        for line in po_file.read_text().splitlines():
            if line.startswith("msgstr"):
                found += [
                    f"{po_file.parts[1]}: {line}"
                    for match in doubled.finditer(line)
                    if match.group(0).lower() not in ALLOWED_REPEATS
                ]
    assert found == []


@pytest.mark.parametrize(("lang", "word"), [("ar", "مواعيد الأنشطة"), ("uk", "Календар подій")])
def test_the_agenda_is_a_calendar_of_activities_not_a_meeting_agenda(client, lang, word):
    content = client.get(f"/{lang}/").content.decode()
    assert word in content
    assert "جدول الأعمال" not in content and "Порядок денний" not in content


def test_app_names_and_admin_headers_follow_the_language():
    """App names and the admin's headers are gettext strings: Dutch by default, French in /fr/."""
    from django.apps import apps
    from django.contrib import admin
    from django.utils import translation

    assert str(apps.get_app_config("partners").verbose_name) == "Netwerk"
    assert str(admin.site.index_title) == "Beheer van het netwerk"
    with translation.override("fr"):
        assert str(apps.get_app_config("partners").verbose_name) == "Réseau"
        assert str(admin.site.site_header) == "Huis van het Kind — administration"
