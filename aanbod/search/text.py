"""Words as search sees them: one normalisation for the stored document and for the query.

Both sides go through `normalise()` in Python (lower case, Latin accents removed), so a
crèche in an offer and a "creche" typed by a parent meet without PostgreSQL's unaccent,
which is not IMMUTABLE and so cannot sit in an index expression. Dutch glues words into
compounds the stemmer does not split; `split_compound()` finds the parts from a list of
word parts of our domain, so "opvang" also finds "kinderopvang".
"""

import re
import unicodedata

MAX_QUERY_CHARS = 200
MAX_TERMS = 8
_WORD = re.compile(r"[^\W_]+")


def _word_list(text: str) -> frozenset[str]:
    return frozenset(text.split())


# PostgreSQL's Dutch stop words (snowball) and a few of the other site languages: words
# that carry no meaning in a parent's question. Dropped before building the query.
STOPWORDS = _word_list(
    """
    aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door
    dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun
    iemand iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar
    niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit
    uw van veel voor want waren was wat we wel werd wezen wie wil worden wordt zal ze zelf
    zich zij zijn zo zonder zou waar welke graag iemand hulp zoek zoeken vind vinden
    the a an and or of for to in on with my our is are how where what help find
    le la les un une des du de et ou pour avec mon ma mes est aide
    """
)

# Filler of the other site languages, and their word for "child": every offer is for
# children, so "my child does not sleep" is about sleep (words as `normalise` leaves them).
STOPWORDS |= _word_list(
    """
    i me we you it do does doesn don not no can has have need needs looking at about from
    child children kid kids son daughter
    je il elle nous vous mes au aux dans ne pas sur chez enfant enfants fils fille
    ben benim bir bu ve ile icin cocuk cocugum cocuklar cocuklarim oglum kizim
    في من على عن مع لا ما هل انا طفل طفلي اطفال ابني ابنتي اولادي
    у в на не для про як де що мій моя моє мою мені дитина дитини дитину діти дітей син донька
    """
)

# Parts of Dutch compounds common in family support. Longer parts are tried first.
WORD_PARTS = _word_list(
    """
    ouder ouders kind kinder kinderen baby babys peuter peuters kleuter kleuters tiener
    tieners jongere jongeren gezin opvoeding ondersteuning spreekuur begeleiding
    huiswerk huis werk opvang speel spelen punt plein cafe dag dagen avond avonden week
    groep groepen taal babbel massage turnen knuffel yoga voorlees voorlezen uurtje boek
    boeken start pakket geboorte luier luiers pamper bank theek bib winkel ruil fiets
    kleding kleren voedsel kruidenier premie zorg consultatie bureau tand tanden mond
    gezondheid voeding eten slaap slapen scherm tijd puber pubers zindelijkheid emotie
    emoties koffer koffers thema coach psycholoog geweld rouw verlies zwangerschap
    zwanger school inschrijving inschrijven kunsten kunst buiten sinterklaas feest zomer
    kamp kampen sport zwem les lessen vakantie uitleen materiaal vraag vragen lijn gesprek
    info moment wandel wandeling zit loket rechten verkenning schuld budget energie woning
    huur job leer leren klas klassen kleuterklas overstap digitaal mama papa papas mamas
    spel spelletjes spullen tweedehands beurs markt water gewenning oppas babysit dienst
    gids straat kinderkunsten verjaardag sociaal sociale vrijwilliger vrijwilligers
    steun mantel pleeg adoptie nieuwkomer nieuwkomers inburgering traject beweging bewegen
    eetlust borst borstvoeding fles flesvoeding moeder moeders vader vaders grootouder
    grootouders oma opa stress welzijn psychisch mentaal lotgenoten contact rust prikken
    vaccinatie groei ontwikkeling spraak praten lezen rekenen huiswerkklas studie
    """
)
_MIN_PART = 3


# Arabic is typed with or without short vowels, with several forms of alef and with the
# article glued on ("الحفاضات" / "حفاضات"): fold what parents write differently.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_ARABIC_ARTICLE = re.compile("(?<![\u0621-\u064a])(?:[وف]?[بكل]?ال|[وف]?لل)(?=[\u0621-\u064a]{3})")
_ARABIC = re.compile("[\u0600-\u06ff]")


def _fold_arabic(text: str) -> str:
    if not _ARABIC.search(text):
        return text
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    return _ARABIC_ARTICLE.sub("", text)


def normalise(text: str) -> str:
    """Lower case without Latin accents; Arabic folded (`_fold_arabic`); Cyrillic as it is."""
    # Turkish dotless ı: parents on a foreign keyboard type "yardimi" for "yardımı".
    text = _fold_arabic((text or "").lower()).replace("ı", "i")
    out = []
    for char in text:
        decomposed = unicodedata.normalize("NFKD", char)
        # Only drop marks from Latin letters: stripping them from Cyrillic would turn "й"
        # into "и", a different letter.
        if decomposed[0].isascii() and len(decomposed) > 1:
            out.append(decomposed[0])
        else:
            out.append(char)
    return "".join(out)


def words(text: str) -> list[str]:
    return _WORD.findall(normalise(text))


def search_key(text: str) -> str:
    """A word or phrase as stored for exact lookups (synonyms, need words): its words."""
    return " ".join(words(text))


def query_terms(query: str) -> list[str]:
    """The meaningful words of a parent's query, at most MAX_TERMS, without repeats.

    Never raises: very long input is cut, and words of one letter or pure digits are dropped.
    """
    seen: list[str] = []
    for word in words((query or "")[:MAX_QUERY_CHARS]):
        word = word.strip("_")[:40]
        if len(word) < 2 or word.isdigit() or word in STOPWORDS or word in seen:
            continue
        seen.append(word)
        if len(seen) == MAX_TERMS:
            break
    return seen


def split_compound(word: str) -> list[str]:
    """The known parts of a compound ("opvoedingsondersteuning" → opvoeding, ondersteuning).

    Returns [] when the word is not a compound of WORD_PARTS.
    """
    word = normalise(word)
    if len(word) < 2 * _MIN_PART + 1:
        return []
    for cut in range(len(word) - _MIN_PART, _MIN_PART - 1, -1):
        left, right = word[:cut], word[cut:]
        head = _known_head(left)
        if head is None:
            continue
        if right in WORD_PARTS:
            return [head, right]
        tail = split_compound(right)
        if tail:
            return [head, *tail]
    return []


def _known_head(left: str) -> str | None:
    if left in WORD_PARTS:
        return left
    # The linking -s- and -e- of Dutch compounds: opvoeding-s-ondersteuning, kind-er-opvang.
    for link in ("s", "e"):
        if left.endswith(link) and left[: -len(link)] in WORD_PARTS:
            return left[: -len(link)]
    return None


def compound_parts(text: str) -> list[str]:
    """All compound parts of the words in `text`, for the stored search document."""
    parts: list[str] = []
    for word in words(text):
        for part in split_compound(word):
            if part not in parts:
                parts.append(part)
    return parts


def domain_token(life_domain: str) -> str:
    """The life domain as one word of the document. It starts with a digit, because a
    parent's word never does (digits alone are dropped): no query prefix-matches it."""
    return "0domain" + life_domain.replace("_", "")
