"""The one evaluator of a right's conditions: declarative data, never code per right.

A condition is JSON, stored on the right and edited by the network:

    {"answer": "status", "in": ["living_wage"], "unsure": ["increased_allowance"]}
    {"all": [cond, …]}    {"any": [cond, …]}    {"not": cond}    {}  (always true)

An `answer` test is true when the family's answer (or, for a question with several
answers, any of them) is in `in`, unknown ("I don't know", skipped) when it is in
`unsure` or missing, false otherwise. all/any/not follow three-valued logic, so one
unknown answer only makes the verdict "can't tell" when it could change it.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .choices import UNKNOWN, Verdict
from .questions import QUESTIONS

Answers = Mapping[str, str | list[str] | None]
OPERATORS = {"answer", "in", "unsure", "all", "any", "not"}


@dataclass
class Outcome:
    """True, False or None (can't tell), and the questions whose answer was missing."""

    value: bool | None
    missing: set[str] = field(default_factory=set)


def _given(answers: Answers, key: str) -> set[str]:
    raw = answers.get(key)
    if raw is None or raw == UNKNOWN:
        return set()
    values = {raw} if isinstance(raw, str) else set(raw)
    return values - {UNKNOWN, ""}


def evaluate(condition: Mapping | None, answers: Answers) -> Outcome:
    """Evaluate a (validated) condition over the answers."""
    if not condition:
        return Outcome(True)
    if "answer" in condition:
        key = condition["answer"]
        given = _given(answers, key)
        if not given:
            return Outcome(None, {key})
        if given & set(condition.get("in", [])):
            return Outcome(True)
        if given & set(condition.get("unsure", [])):
            return Outcome(None, {key})
        return Outcome(False)
    if "not" in condition:
        inner = evaluate(condition["not"], answers)
        return Outcome(None if inner.value is None else not inner.value, inner.missing)
    parts = [evaluate(part, answers) for part in condition.get("all") or condition.get("any")]
    deciding, neutral = (False, True) if "all" in condition else (True, False)
    if any(part.value is deciding for part in parts):
        return Outcome(deciding)
    missing = set().union(*(part.missing for part in parts if part.value is None))
    if missing or any(part.value is None for part in parts):
        return Outcome(None, missing)
    return Outcome(neutral)


def verdict_of(outcome: Outcome) -> str:
    return {
        True: Verdict.WORTH_CHECKING,
        False: Verdict.PROBABLY_NOT,
        None: Verdict.CANNOT_TELL,
    }[outcome.value]


def validate_condition(condition, path: str = "") -> None:
    """Refuse a condition the evaluator cannot read, with a message that says where."""
    where = path or _("the condition")
    if condition in ({}, None):
        return
    if not isinstance(condition, dict):
        raise ValidationError(_("%(where)s must be an object.") % {"where": where})
    unknown = set(condition) - OPERATORS
    if unknown:
        raise ValidationError(
            _("%(where)s has unknown keys: %(keys)s.")
            % {"where": where, "keys": ", ".join(sorted(unknown))}
        )
    if "answer" in condition:
        question = QUESTIONS.get(condition["answer"])
        if question is None:
            raise ValidationError(
                _("%(where)s asks about an unknown question %(key)r (known: %(known)s).")
                % {"where": where, "key": condition["answer"], "known": ", ".join(QUESTIONS)}
            )
        allowed = set(question.values())
        for key in ("in", "unsure"):
            values = condition.get(key, [])
            if not isinstance(values, list) or set(values) - allowed:
                raise ValidationError(
                    _("%(where)s: '%(key)s' must be a list of %(allowed)s.")
                    % {"where": where, "key": key, "allowed": ", ".join(sorted(allowed))}
                )
        if not condition.get("in") and not condition.get("unsure"):
            raise ValidationError(_("%(where)s needs 'in' or 'unsure'.") % {"where": where})
        return
    if "not" in condition:
        validate_condition(condition["not"], f"{where} → not")
        return
    for key in ("all", "any"):
        if key in condition:
            parts = condition[key]
            if not isinstance(parts, list) or not parts:
                raise ValidationError(
                    _("%(where)s: '%(key)s' must be a non-empty list.")
                    % {"where": where, "key": key}
                )
            for index, part in enumerate(parts):
                validate_condition(part, f"{where} → {key}[{index}]")
            return
    raise ValidationError(_("%(where)s needs 'answer', 'all', 'any' or 'not'.") % {"where": where})
