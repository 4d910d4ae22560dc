"""One place turns a domain error into an answer: a message, a form error, or 403/404/409/429."""

import pytest
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, RequestFactory

from actieplan.exceptions import PlanPermissionError, PlanStateError
from doorverwijzing.exceptions import (
    ConsentMissingError,
    DailyCapReachedError,
    ReferralPermissionError,
    ReferralStateError,
)
from huisvanhetkind.antispam import public_form_submit
from huisvanhetkind.domain_errors import errors_on, for_each_object, messages_on, refused
from huisvanhetkind.exceptions import (
    DomainError,
    LimitReached,
    NotAllowed,
    NotFound,
    StateConflict,
)
from huisvanhetkind.services import AccountError
from inschrijving.exceptions import (
    RegistrationClosedError,
    RegistrationError,
    RegistrationFullError,
    RegistrationStateError,
    SubscriptionError,
)
from partners.exceptions import InvitationError, PermissionDeniedError
from rechten.exceptions import RightPermissionError, RightStateError
from signalen.exceptions import SignalCapReachedError, SignalPermissionError, SignalStateError

pytestmark = pytest.mark.django_db


@pytest.fixture
def refusing(settings):
    settings.ROOT_URLCONF = "huisvanhetkind.tests.domain_error_urls"
    return Client(raise_request_exception=False)


def test_every_app_error_belongs_to_the_hierarchy():
    assert issubclass(ReferralStateError, StateConflict)
    assert issubclass(ConsentMissingError, StateConflict)
    assert issubclass(PlanStateError, StateConflict)
    assert issubclass(SignalStateError, StateConflict)
    assert issubclass(DailyCapReachedError, LimitReached)
    assert issubclass(SignalCapReachedError, LimitReached)
    assert issubclass(InvitationError, DomainError)
    for error in (ReferralPermissionError, PlanPermissionError, SignalPermissionError):
        assert issubclass(error, NotAllowed)
    assert issubclass(PermissionDeniedError, NotAllowed)
    # Refusing an account change is a message in the admin, not a 403.
    assert issubclass(AccountError, DomainError) and not issubclass(AccountError, NotAllowed)


def test_registration_subscription_and_right_errors_belong_to_the_hierarchy():
    assert issubclass(RegistrationError, DomainError)
    for error in (RegistrationClosedError, RegistrationFullError, RegistrationStateError):
        assert issubclass(error, RegistrationError) and issubclass(error, StateConflict)
    assert issubclass(SubscriptionError, DomainError)
    assert issubclass(RightStateError, StateConflict)
    assert issubclass(RightPermissionError, NotAllowed)


def test_a_conflict_goes_back_to_the_page_with_the_message(refusing):
    response = refusing.post("/weigeren/conflict/", HTTP_REFERER="http://testserver/berichten/")

    assert response.status_code == 302
    assert response["Location"] == "http://testserver/berichten/"
    assert refusing.get("/berichten/").content.decode() == "This offer is already published."


def test_a_conflict_without_a_way_back_gets_a_409_page_with_the_message(refusing):
    response = refusing.post("/weigeren/conflict/")

    assert response.status_code == 409
    assert "This offer is already published." in response.content.decode()


def test_a_way_back_to_another_site_is_not_followed(refusing):
    response = refusing.post("/weigeren/conflict/", HTTP_REFERER="https://evil.example/")

    assert response.status_code == 409


def test_not_allowed_answers_403_and_not_found_404(refusing):
    assert refusing.post("/weigeren/not-allowed/").status_code == 403
    assert refusing.get("/weigeren/not-found/").status_code == 404


def test_a_limit_answers_429_with_the_message(refusing):
    response = refusing.post("/weigeren/limit/")

    assert response.status_code == 429
    assert "Please phone us." in response.content.decode()


class _Form(forms.Form):
    name = forms.CharField()
    age_to = forms.IntegerField(required=False)


def test_errors_on_turns_a_refusal_into_a_form_error():
    form = _Form({"name": "Lies"})
    assert form.is_valid()

    with errors_on(form) as outcome:
        raise StateConflict("Already sent.")

    assert outcome.failed
    assert not form.is_valid()
    assert form.non_field_errors() == ["Already sent."]


def test_errors_on_puts_the_error_on_the_named_field():
    form = _Form({"name": "Lies"})
    form.is_valid()

    with errors_on(form, field="name"):
        raise StateConflict("Taken.")

    assert form.errors["name"] == ["Taken."]


def test_errors_on_puts_a_validation_error_beside_the_fields_it_names():
    form = _Form({"name": "Lies"})
    form.is_valid()

    with errors_on(form, field_names={"age_months": "age_to"}) as outcome:
        raise ValidationError(
            {
                "name": "Too short.",
                "age_months": "The end age must be after the start age.",
                "slug": "Taken.",
                "__all__": "Overlaps another one.",
            }
        )

    assert outcome.failed and not form.is_valid()
    assert form.errors["name"] == ["Too short."]
    assert form.errors["age_to"] == ["The end age must be after the start age."]
    assert form.non_field_errors() == ["Taken.", "Overlaps another one."]


def test_errors_on_puts_a_validation_error_without_fields_above_the_form():
    form = _Form({"name": "Lies"})
    form.is_valid()

    with errors_on(form):
        raise ValidationError(["Not on a closed day.", "Not in the holidays."])

    assert form.non_field_errors() == ["Not on a closed day.", "Not in the holidays."]


@pytest.mark.parametrize("error", [NotAllowed("no"), NotFound("no"), ValueError("a bug")])
def test_errors_on_lets_403_404_and_bugs_through(error):
    form = _Form({"name": "Lies"})
    form.is_valid()

    with pytest.raises(type(error)), errors_on(form):
        raise error


def test_errors_on_can_keep_a_not_allowed_on_the_form_where_the_input_decides_it():
    form = _Form({"name": "Lies"})
    form.is_valid()

    with errors_on(form, not_allowed_too=True):
        raise NotAllowed("Nobody can give a role to themself.")

    assert form.non_field_errors() == ["Nobody can give a role to themself."]


def _request():
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_messages_on_says_done_or_the_refusal():
    request = _request()

    with messages_on(request, done="Saved."):
        pass
    with messages_on(request, done="Saved.", about="Babymassage"):
        raise StateConflict("Already published.")

    assert [str(m) for m in request._messages] == ["Saved.", "Babymassage: Already published."]


def test_for_each_object_warns_per_refusal_goes_on_and_counts_what_was_done():
    request = _request()
    refusals = {
        "b": StateConflict("Already published."),
        "c": NotAllowed("Not your network."),
        "d": PermissionDenied(),
    }

    def step(name):
        if name in refusals:
            raise refusals[name]
        return name != "e"  # False: nothing to do, not counted

    done = for_each_object(request, ["a", "b", "c", "d", "e", "f"], step, about=str.upper)

    assert done == 2
    assert [(m.level_tag, str(m)) for m in request._messages] == [
        ("warning", "B: Already published."),
        ("warning", "C: Not your network."),
        ("warning", "D: Dit mag je niet doen."),  # Dutch: the default language
    ]


def test_for_each_object_without_about_warns_with_the_message_alone():
    request = _request()

    def step(name):
        raise StateConflict(f"No {name}.")

    assert for_each_object(request, ["a"], step) == 0
    assert [str(m) for m in request._messages] == ["No a."]


def test_for_each_object_lets_a_bug_through():
    def step(name):
        raise ValueError("a bug")

    with pytest.raises(ValueError):
        for_each_object(_request(), ["a"], step)


def test_refused_keeps_the_error_for_the_view():
    with refused() as outcome:
        raise StateConflict("No.")

    assert outcome.failed and str(outcome.error) == "No."


class _PublicForm(_Form):
    website = forms.CharField(required=False)

    def is_spam(self):
        return bool(self.data.get("website"))


def _submit(form, submit, **limits):
    arguments = {"scope": "test", "limit": 2, "window_seconds": 60, "too_many": "Slow down."}
    return public_form_submit(_request(), form, submit=submit, **(arguments | limits))


def test_a_public_form_with_the_honeypot_filled_stores_nothing_and_answers_400():
    called = []

    submission = _submit(_PublicForm({"name": "x", "website": "spam"}), lambda: called.append(1))

    assert (submission.done, submission.status, called) == (False, 400, [])


def test_a_public_form_over_the_rate_limit_answers_429():
    submissions = [_submit(_PublicForm({"name": "x"}), lambda: "saved") for _ in range(3)]

    assert [s.status for s in submissions] == [200, 200, 429]
    assert [s.done for s in submissions] == [True, True, False]


def test_a_public_form_refused_by_a_daily_cap_answers_429_and_by_a_rule_200():
    def capped():
        raise DailyCapReachedError("Phone us.")

    def closed():
        raise StateConflict("Closed.")

    capped_form, closed_form = _PublicForm({"name": "x"}), _PublicForm({"name": "x"})
    assert _submit(capped_form, capped).status == 429
    assert capped_form.non_field_errors() == ["Phone us."]
    closed_submission = _submit(closed_form, closed)
    assert (closed_submission.done, closed_submission.status) == (False, 200)
