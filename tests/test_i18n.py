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
