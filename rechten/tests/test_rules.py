"""Rule table tests: every rule of the starting set over a grid of answers."""

import itertools

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from rechten.choices import UNKNOWN, Verdict
from rechten.questions import QUESTIONS
from rechten.rules import evaluate, validate_condition, verdict_of
from rechten.starting_set import STARTING_SET

RULES = {item["key"]: item["condition"] for item in STARTING_SET}
GRID_KEYS = ["children", "single_parent", "status", "income", "work"]


def _grid():
    options = [[*QUESTIONS[key].values(), UNKNOWN] for key in GRID_KEYS]
    for combination in itertools.product(*options):
        yield dict(zip(GRID_KEYS, combination, strict=True))


def _verdict(key: str, **answers) -> str:
    return verdict_of(evaluate(RULES[key], answers))


SINGLE_PARENT_ON_LEEFLOON = {
    "children": ["3_5", "6_11"],
    "single_parent": "yes",
    "status": "living_wage",
    "income": "low",
    "work": "job_seeking",
}
COMFORTABLE_COUPLE = {
    "children": ["6_11"],
    "single_parent": "no",
    "status": "none",
    "income": "higher",
    "work": "working",
}

# right key -> (answers, expected verdict)
TABLE = [
    ("groeipakket-sociale-toeslag", SINGLE_PARENT_ON_LEEFLOON, Verdict.WORTH_CHECKING),
    ("groeipakket-sociale-toeslag", COMFORTABLE_COUPLE, Verdict.PROBABLY_NOT),
    (
        "groeipakket-sociale-toeslag",
        {**COMFORTABLE_COUPLE, "income": "middle"},
        Verdict.CANNOT_TELL,
    ),
    ("schooltoeslag", SINGLE_PARENT_ON_LEEFLOON, Verdict.WORTH_CHECKING),
    ("schooltoeslag", {**SINGLE_PARENT_ON_LEEFLOON, "children": ["0_2"]}, Verdict.PROBABLY_NOT),
    ("schooltoeslag", COMFORTABLE_COUPLE, Verdict.PROBABLY_NOT),
    ("kinderopvang-inkomenstarief", SINGLE_PARENT_ON_LEEFLOON, Verdict.CANNOT_TELL),
    ("kinderopvang-inkomenstarief", {"children": ["expecting"]}, Verdict.WORTH_CHECKING),
    ("kinderopvang-inkomenstarief", COMFORTABLE_COUPLE, Verdict.PROBABLY_NOT),
    ("uitpas-kansentarief", SINGLE_PARENT_ON_LEEFLOON, Verdict.WORTH_CHECKING),
    ("uitpas-kansentarief", COMFORTABLE_COUPLE, Verdict.PROBABLY_NOT),
    ("verhoogde-tegemoetkoming", SINGLE_PARENT_ON_LEEFLOON, Verdict.WORTH_CHECKING),
    (
        "verhoogde-tegemoetkoming",
        {**SINGLE_PARENT_ON_LEEFLOON, "status": "increased_allowance"},
        Verdict.PROBABLY_NOT,
    ),
    ("verhoogde-tegemoetkoming", COMFORTABLE_COUPLE, Verdict.PROBABLY_NOT),
    ("sociaal-tarief-energie", SINGLE_PARENT_ON_LEEFLOON, Verdict.WORTH_CHECKING),
    ("sociaal-tarief-energie", COMFORTABLE_COUPLE, Verdict.PROBABLY_NOT),
    ("sociaal-tarief-energie", {**COMFORTABLE_COUPLE, "income": "low"}, Verdict.CANNOT_TELL),
    ("studietoelage", SINGLE_PARENT_ON_LEEFLOON, Verdict.PROBABLY_NOT),
    ("studietoelage", {**SINGLE_PARENT_ON_LEEFLOON, "children": ["18_25"]}, Verdict.WORTH_CHECKING),
    ("gemeentelijke-steun", SINGLE_PARENT_ON_LEEFLOON, Verdict.WORTH_CHECKING),
    ("gemeentelijke-steun", COMFORTABLE_COUPLE, Verdict.PROBABLY_NOT),
]


@pytest.mark.parametrize(("key", "answers", "expected"), TABLE)
def test_rule_table(key, answers, expected):
    assert _verdict(key, **answers) == expected


def test_every_right_of_the_starting_set_is_in_the_table():
    assert {key for key, _answers, _expected in TABLE} == set(RULES)


@pytest.mark.parametrize("key", sorted(RULES))
def test_all_i_dont_know_gives_cant_tell_for_every_right(key):
    assert _verdict(key, **{name: UNKNOWN for name in QUESTIONS}) == Verdict.CANNOT_TELL


@pytest.mark.parametrize("key", sorted(RULES))
def test_a_known_answer_never_turns_a_clear_verdict_around(key):
    """Over the whole grid: when the verdict is clear with an answer unknown, knowing that
    answer keeps it. So "I don't know" never hides a "probably not" behind a "worth it"."""
    rule = RULES[key]
    for answers in _grid():
        outcome = evaluate(rule, answers).value
        if outcome is None:
            continue
        for question in GRID_KEYS:
            if answers[question] == UNKNOWN:
                continue
            assert evaluate(rule, {**answers, question: UNKNOWN}).value in (None, outcome), (
                answers,
                question,
            )


@pytest.mark.parametrize("key", sorted(RULES))
def test_every_starting_rule_is_valid_and_reaches_each_verdict(key):
    validate_condition(RULES[key])
    verdicts = {verdict_of(evaluate(RULES[key], answers)) for answers in _grid()}
    assert verdicts == set(Verdict.values)


def test_cant_tell_names_the_questions_that_were_missing():
    outcome = evaluate(RULES["schooltoeslag"], {"children": ["6_11"]})
    assert outcome.value is None
    assert outcome.missing == {"status", "income"}


def test_any_of_several_answers_counts():
    condition = {"answer": "children", "in": ["12_17"]}
    assert evaluate(condition, {"children": ["0_2", "12_17"]}).value is True
    assert evaluate(condition, {"children": ["0_2"]}).value is False


def test_an_empty_condition_is_worth_checking_for_everyone():
    assert verdict_of(evaluate({}, {})) == Verdict.WORTH_CHECKING


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ([], "must be an object"),
        ({"answer": "shoe_size", "in": ["42"]}, "unknown question"),
        ({"answer": "status", "in": ["millionaire"]}, "must be a list of"),
        ({"answer": "status"}, "needs 'in' or 'unsure'"),
        ({"all": []}, "non-empty list"),
        ({"any": [{"answer": "income", "in": ["low"]}], "when": 1}, "unknown keys"),
        ({"not": {"answer": "work", "in": ["flying"]}}, "not"),
        ({"nothing": 1}, "unknown keys"),
    ],
)
def test_a_bad_condition_is_refused_with_a_clear_message(condition, message):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        validate_condition(condition)
    assert message in " ".join(error.value.messages)
