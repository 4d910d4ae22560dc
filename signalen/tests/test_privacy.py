import pytest

from signalen.privacy import personal_data_findings


def _kinds(text, **kwargs):
    return [(finding.kind, finding.text) for finding in personal_data_findings(text, **kwargs)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fatima El Amrani belde.", [("name", "Fatima El Amrani")]),
        (
            "Jan van den Broeck en Marie De Smet",
            [("name", "Jan van den Broeck"), ("name", "Marie De Smet")],
        ),
        ("Op Jan Peeters rekenen.", [("name", "Jan Peeters")]),
        ("Bel 0470 12 34 56.", [("phone", "0470 12 34 56")]),
        ("Bel 0470/12.34.56", [("phone", "0470/12.34.56")]),
        ("Bel 09 123 45 67", [("phone", "09 123 45 67")]),
        ("Bel +32 9 123 45 67", [("phone", "+32 9 123 45 67")]),
        ("Bel 0032 470 12 34 56", [("phone", "0032 470 12 34 56")]),
        ("Mail naar an.peeters@example.be", [("email", "an.peeters@example.be")]),
    ],
)
def test_names_phones_and_emails_are_flagged(text, expected):
    assert _kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Geen avondaanbod voor werkende ouders.",
        "Kind & Gezin zegt dat de wachtlijst lang is.",
        "Het Huis van het Kind heeft te weinig plaatsen.",
        "Sinds September wachten gezinnen op de Opvoedingswinkel.",
        "In Ter Heide wachten gezinnen 6 maanden; postcode 9251, sinds 2024-05-01.",
        "De Groeipakket zitdagen op Dinsdag zijn niet gekend.",
    ],
)
def test_domain_words_places_and_numbers_are_not_flagged(text):
    assert _kinds(text, known_words=["Ter Heide", "Berkhove"]) == []
