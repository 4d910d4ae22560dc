"""A check for personal data in a signal's text, before it is saved.

Signals are about needs and gaps, never about a family. The check is a net,
not a guarantee: it flags what looks like a person's name (two capitalised
words that are not domain words), a Belgian phone number or an e-mail address,
and the form asks the giver to remove it or confirm it is not personal data.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# 0x xxx xx xx (landline), 04xx xx xx xx (mobile), +32 / 0032 instead of the 0,
# with spaces, dots, slashes or dashes between the digits.
PHONE = re.compile(
    r"(?<![\d+])(?:(?:\+|00)32[\s./-]?(?:\(0\)[\s./-]?)?|0)[1-9](?:[\s./-]?\d){7,8}(?!\d)"
)
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_WORD = rf"[{_UPPER}][{_LOWER}]+(?:[-'][{_UPPER}]?[{_LOWER}]+)*"
# Dutch and French surname particles: "Jan van den Broeck", "Marie De Smet", "Ali El Amrani".
_PARTICLES = r"(?i:(?:van|de|der|den|ter|ten|te|la|le|du|des|el|al|ben|op|in)\s+)*"
NAME = re.compile(rf"(?<![\w{_UPPER}])({_WORD})\s+{_PARTICLES}({_WORD})")

# Capitalised words that start sentences or name the domain: never half of a person's name.
_DOMAIN_WORDS_TEXT = """
    De Het Een In Op Bij Voor Na Met Zonder Geen Veel Weinig Meer Ook Maar En Of Als Want Dus
    Sinds Vanaf Tot Tijdens Naar Over Onder Door Om Uit Aan Toen Nu Dan Elke Iedere Alle Sommige
    Wij We Ze Zij Hij Er Dit Dat Deze Die Wat Wie Waar Wanneer Hoe Waarom Ik Je Jij U Mijn Onze
    Ouders Ouder Moeders Mama Mama's Papa Vaders Gezinnen Kinderen Jongeren Grootouders Baby
    Huis Kind Gezin Gezinsbond Sociaal Sociale Welzijn Welzijnsschakel Groeipakket Opgroeien
    Kinderopvang Onthaalouders Opvang Peuterspeelpunt Speelcafé Babybabbel Taalbabbel Boekstart
    Opvoedingswinkel Opvoedingsondersteuning Consultatiebureau Bibliotheek Jeugddienst School
    Scholen Kleuterschool Lagere Secundaire Buitenschoolse Lokaal Lokale Loket Stuurgroep
    Werkgroep Zitdag Zitdagen Pamperbank Babytheek Ruilwinkel Spelotheek Fietsbib Kruidenier
    Kansentarief Vlaanderen Vlaamse Belgische Brussel Gent Antwerpen Stad Gemeente Deelgemeente
    Nederlands Frans Engels Arabisch Turks Oekraïens Pools Roemeens Russisch Duits Spaans
    Maandag Dinsdag Woensdag Donderdag Vrijdag Zaterdag Zondag Weekend Avond Avonden
    Januari Februari Maart April Mei Juni Juli Augustus September Oktober November December
    Kerst Pasen Zomer Winter Herfst Lente Corona Covid Gezinsdag Buitenspeeldag Sinterklaas
    """
DOMAIN_WORDS = frozenset(word.casefold() for word in _DOMAIN_WORDS_TEXT.split())


@dataclass(frozen=True)
class Finding:
    kind: str  # "name", "phone" or "email"
    text: str

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])


KIND_LABELS = {
    "name": _("a name"),
    "phone": _("a phone number"),
    "email": _("an e-mail address"),
}


def personal_data_findings(text: str, *, known_words: Iterable[str] = ()) -> list[Finding]:
    """What in `text` looks like personal data, in order of appearance, without duplicates.

    `known_words`: more words that are never a name here (the network's place names).
    """
    allowed = DOMAIN_WORDS | {word.casefold() for phrase in known_words for word in phrase.split()}
    found: list[tuple[int, Finding]] = []
    for match in EMAIL.finditer(text):
        found.append((match.start(), Finding("email", match.group())))
    without_emails = EMAIL.sub(lambda m: " " * len(m.group()), text)
    for match in PHONE.finditer(without_emails):
        found.append((match.start(), Finding("phone", match.group().strip())))
    position = 0
    while match := NAME.search(without_emails, position):
        first, last = match.group(1), match.group(2)
        if first.casefold() in allowed:
            # "Op Jan Peeters": the next word may still start a name.
            position = match.end(1)
        elif last.casefold() in allowed:
            position = match.end()
        else:
            found.append((match.start(), Finding("name", match.group())))
            position = match.end()
    unique: dict[Finding, None] = {}
    for _position, finding in sorted(found, key=lambda pair: pair[0]):
        unique.setdefault(finding)
    return list(unique)
