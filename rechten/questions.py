"""The questions of the check, in the order a family sees them (one per screen on a phone).

Every question can be answered "I don't know"; `place` is the deelgemeente the family
lives in (its choices come from the network), the others have fixed choices that the
rights' conditions name (rechten/rules.py).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .choices import ChildAge, IncomeBand, KnownStatus, WorkSituation, Worry, YesNo


@dataclass(frozen=True)
class Question:
    key: str
    text: Promise
    help: Promise | str = ""
    choices: type | None = None  # TextChoices; None: the network's places
    multiple: bool = False

    def values(self) -> list[str]:
        return list(self.choices.values) if self.choices else []

    def options(self) -> list[tuple[str, str]]:
        return list(self.choices.choices) if self.choices else []


PLACE = "place"
QUESTION_LIST = [
    Question(PLACE, _("Where do you live?"), _("Local support differs per municipality.")),
    Question(
        "children",
        _("How old are your children?"),
        _("Choose everything that fits."),
        ChildAge,
        multiple=True,
    ),
    Question("single_parent", _("Do you live alone with your children?"), "", YesNo),
    Question(
        "status",
        _("Do you already have one of these?"),
        _("You find the increased allowance on the sticker of your health insurance fund."),
        KnownStatus,
    ),
    Question(
        "income",
        _("How much money does your household get each month?"),
        _("Everything together, after taxes: wages, benefits, child benefit not included."),
        IncomeBand,
    ),
    Question("work", _("What is your work situation?"), "", WorkSituation),
    Question(
        "worries",
        _("What worries you most?"),
        _("Choose everything that fits."),
        Worry,
        multiple=True,
    ),
]
QUESTIONS = {question.key: question for question in QUESTION_LIST}
