"""The check: the family's answers in, a verdict per right out. Nothing here writes.

Answers live only in the request (hidden fields between the screens); `check_result`
turns them into a result, the view counts the "worth checking" rights
(services.check_counts_record) and forgets the rest.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from aanbod.models import Offer
from partners.models import Deelgemeente, Network

from .choices import UNKNOWN, Verdict
from .models import Right
from .questions import PLACE, QUESTION_LIST, QUESTIONS
from .rules import evaluate, verdict_of

VERDICT_ORDER = [Verdict.WORTH_CHECKING, Verdict.CANNOT_TELL, Verdict.PROBABLY_NOT]


@dataclass
class RightResult:
    right: Right
    verdict: str
    why: str
    offer: Offer | None
    worry_match: bool = False


@dataclass
class CheckResult:
    rights: list[RightResult]
    place: Deelgemeente | None = None
    groups: dict[str, list[RightResult]] = field(default_factory=dict)

    def worth_checking_ids(self) -> list[int]:
        return [item.right.id for item in self.groups.get(Verdict.WORTH_CHECKING, [])]


def places_of(network: Network) -> list[Deelgemeente]:
    """The deelgemeenten of the network's municipalities: how families say where they live."""
    return list(
        Deelgemeente.objects.filter(municipality__networks=network)
        .select_related("municipality")
        .order_by("name")
    )


def clean_answers(raw, *, places: list[Deelgemeente]) -> dict[str, str | list[str]]:
    """Keep only known values of known questions; anything else reads as "I don't know".

    `raw` is a QueryDict (or a dict of lists). Never raises: a tampered field is unknown.
    """
    answers: dict[str, str | list[str]] = {}
    place_ids = {str(place.id) for place in places}
    for question in QUESTION_LIST:
        values = [value for value in raw.getlist(question.key) if value]
        allowed = place_ids if question.key == PLACE else set(question.values())
        values = [value for value in values if value in allowed]
        if question.multiple:
            answers[question.key] = sorted(set(values)) or UNKNOWN
        else:
            answers[question.key] = values[0] if values else UNKNOWN
    return answers


def _why(right: Right, verdict: str, missing: set[str]) -> str:
    if verdict == Verdict.WORTH_CHECKING:
        return right.why_worth_checking
    if verdict == Verdict.PROBABLY_NOT:
        return right.why_probably_not
    asked = "; ".join(str(QUESTIONS[key].text) for key in sorted(missing) if key in QUESTIONS)
    if asked:
        return _("We would need to know: %(questions)s Ask %(who)s.") % {
            "questions": asked,
            "who": right.ask_who,
        }
    return _("Your answers are not enough to tell. Ask %(who)s.") % {"who": right.ask_who}


def _offer_for(right: Right, municipality_id: int | None) -> Offer | None:
    offers = list(right.local_offers.all())
    if municipality_id is not None:
        for offer in offers:
            if municipality_id in offer.indexed_municipality_ids:
                return offer
    return offers[0] if offers else None


def rights_for_check(*, network: Network) -> list[Right]:
    """The network's published rights with what the result shows (three queries)."""
    return list(
        Right.objects.published()
        .filter(network=network)
        .prefetch_related(
            "municipalities",
            Prefetch(
                "local_offers",
                queryset=Offer.objects.published()
                .only("id", "slug", "title", "title_nl", "indexed_municipality_ids", "status")
                .order_by("title_nl", "id"),
            ),
        )
    )


def check_result(*, network: Network, answers: dict, places: list[Deelgemeente]) -> CheckResult:
    place_id = answers.get(PLACE)
    place = next((p for p in places if str(p.id) == place_id), None)
    municipality_id = place.municipality_id if place else None
    worries = set(answers.get("worries") or []) - {UNKNOWN}
    results = []
    for right in rights_for_check(network=network):
        municipalities = {m.id for m in right.municipalities.all()}
        if municipalities and municipality_id is None:
            outcome_verdict, missing = Verdict.CANNOT_TELL, {PLACE}
        elif municipalities and municipality_id not in municipalities:
            names = ", ".join(sorted(m.name for m in right.municipalities.all()))
            results.append(
                RightResult(
                    right,
                    Verdict.PROBABLY_NOT,
                    _("Only for people who live in %(places)s.") % {"places": names},
                    _offer_for(right, municipality_id),
                )
            )
            continue
        else:
            outcome = evaluate(right.condition, answers)
            outcome_verdict, missing = verdict_of(outcome), outcome.missing
        results.append(
            RightResult(
                right,
                outcome_verdict,
                _why(right, outcome_verdict, missing),
                _offer_for(right, municipality_id),
                worry_match=bool(worries & set(right.worries)),
            )
        )
    # What the family worries about first, then the network's order.
    results.sort(key=lambda item: (not item.worry_match, item.right.order, item.right.name))
    groups = {verdict: [r for r in results if r.verdict == verdict] for verdict in VERDICT_ORDER}
    return CheckResult(rights=results, place=place, groups=groups)


def answers_in_words(answers: dict, places: list[Deelgemeente]) -> list[tuple[str, str]]:
    """(question, answer) in the active language, "I don't know" for a skipped one."""
    lines = []
    for question in QUESTION_LIST:
        value = answers.get(question.key, UNKNOWN)
        if value == UNKNOWN or not value:
            said = _("I don't know")
        elif question.key == PLACE:
            said = next((str(p) for p in places if str(p.id) == value), _("I don't know"))
        else:
            labels = dict(question.options())
            values = value if isinstance(value, list) else [value]
            said = ", ".join(str(labels[v]) for v in values if v in labels)
        lines.append((str(question.text), said))
    return lines


def result_in_words(result: CheckResult) -> str:
    """The list in plain text (to send to oneself, or attached for the contact point)."""
    headings = {
        Verdict.WORTH_CHECKING: _("Worth checking"),
        Verdict.CANNOT_TELL: _("We can't tell: ask"),
        Verdict.PROBABLY_NOT: _("Probably not"),
    }
    parts = []
    for verdict in VERDICT_ORDER:
        items = result.groups.get(verdict) or []
        if not items:
            continue
        lines = [f"{headings[verdict]}:"]
        for item in items:
            line = f"- {item.right.name}: {item.why}"
            if item.right.official_url and verdict != Verdict.PROBABLY_NOT:
                line += f" {item.right.official_url}"
            lines.append(line)
        parts.append("\n".join(lines))
    parts.append(_("This is not a decision. Only the organisation that gives the support decides."))
    return "\n\n".join(parts)
