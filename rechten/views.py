"""'What could help us?': the family's check, its result, the hand-off to the contact point,
and the same check with a social worker at the desk.

The answers travel only in the form (hidden fields, POST: never in a URL or a log line)
and are never stored: the only write is the count of "worth checking" per right.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from doorverwijzing import services as intakes
from doorverwijzing.choices import IntakeSource
from huisvanhetkind import permissions
from huisvanhetkind.antispam import public_form_submit
from partners import selectors as network_selectors
from partners.models import Network

from . import check, services
from .choices import UNKNOWN
from .forms import RightsHelpForm
from .questions import PLACE, QUESTION_LIST

HELP_RATE_LIMIT = 5  # hand-offs per client address …
HELP_RATE_WINDOW_SECONDS = 60 * 60  # … per hour (as "Stel je vraag")


def _public_network(request) -> Network:
    slug = request.GET.get("netwerk", "")
    network = (
        network_selectors.network_get_public(slug=slug)
        if slug
        else network_selectors.network_default()
    )
    if network is None:
        raise Http404
    request.network = network
    return network


def _question_screens(places) -> list[dict]:
    screens = []
    for question in QUESTION_LIST:
        options = (
            [(str(place.id), str(place)) for place in places]
            if question.key == PLACE
            else question.options()
        )
        screens.append({"question": question, "options": options})
    return screens


def _hidden_answers(answers: dict, *, leave_out: str | None = None) -> list[tuple[str, str]]:
    """The answers as (name, value) pairs for hidden fields; "I don't know" is no field."""
    pairs = []
    for key, value in answers.items():
        if key == leave_out or value == UNKNOWN:
            continue
        for each in value if isinstance(value, list) else [value]:
            pairs.append((key, each))
    return pairs


def _selected(value) -> list[str]:
    if value == UNKNOWN or not value:
        return []
    return value if isinstance(value, list) else [value]


def _share_links(text: str) -> dict:
    subject = _("What could help us")
    return {
        "whatsapp": "https://wa.me/?" + urlencode({"text": f"{subject}\n\n{text}"}),
        "email": "mailto:?" + urlencode({"subject": subject, "body": text}).replace("+", "%20"),
    }


def _result_context(*, network, answers, places, result, professional: bool, form=None) -> dict:
    text = check.result_in_words(result)
    return {
        "network": network,
        "result": result,
        "groups": [(verdict, result.groups[verdict]) for verdict in check.VERDICT_ORDER],
        "hidden_answers": _hidden_answers(answers),
        "answers_in_words": check.answers_in_words(answers, places),
        "share": _share_links(text),
        "professional": professional,
        "form": form or RightsHelpForm(initial={"language": get_language()}),
        "accepts_questions": network.organiser_id is not None,
    }


@never_cache
def rights_check(request):
    """One question per screen; "I don't know" and "Back" on every one."""
    network = _public_network(request)
    places = check.places_of(network)
    screens = _question_screens(places)
    if request.method != "POST":
        answers = check.clean_answers(QueryDict(""), places=places)
        step = -1  # the introduction
    else:
        answers = check.clean_answers(request.POST, places=places)
        try:
            step = max(-1, min(int(request.POST.get("step", -1)), len(screens) - 1))
        except ValueError:
            step = -1
        go = request.POST.get("go", "next")
        if go == "skip" and step >= 0:
            answers[screens[step]["question"].key] = UNKNOWN
        step = step - 1 if go == "back" else step + 1
        step = max(step, -1)
    if step >= len(screens):
        result = check.check_result(network=network, answers=answers, places=places)
        services.check_counts_record(
            right_ids=result.worth_checking_ids(),
            deelgemeente_id=result.place.id if result.place else None,
        )
        context = _result_context(
            network=network, answers=answers, places=places, result=result, professional=False
        )
        return render(request, "rechten/check_result.html", context)
    screen = screens[step] if step >= 0 else None
    return render(
        request,
        "rechten/check_question.html",
        {
            "network": network,
            "step": step,
            "number": step + 1,
            "total": len(screens),
            "screen": screen,
            "selected": _selected(answers[screen["question"].key]) if screen else [],
            "hidden_answers": _hidden_answers(
                answers, leave_out=screen["question"].key if screen else None
            ),
        },
    )


@never_cache
@require_POST
def rights_check_help(request):
    """ "Help me with this": the family's question to the contact point, the list attached."""
    network = _public_network(request)
    places = check.places_of(network)
    answers = check.clean_answers(request.POST, places=places)
    result = check.check_result(network=network, answers=answers, places=places)
    form = RightsHelpForm(request.POST)

    def hand_off():
        # The contact point reads Dutch; the family's own words stay as they wrote them.
        with translation.override(settings.LANGUAGE_CODE):
            attached = _contact_point_text(answers, places, network)
        question = "\n\n".join(part for part in (form.cleaned_data["question"], attached) if part)
        return intakes.intake_create(
            network=network, question=question, source=IntakeSource.RIGHTS_CHECK, **form.details()
        )

    submission = public_form_submit(
        request,
        form,
        scope="intake",
        limit=HELP_RATE_LIMIT,
        window_seconds=HELP_RATE_WINDOW_SECONDS,
        spam=_("We could not send your question. Please call or e-mail us."),
        too_many=_(
            "You have sent several questions in a short time. "
            "Please try again in an hour, or call or e-mail us."
        ),
        submit=hand_off,
    )
    if submission.done:
        url = reverse("doorverwijzing:intake_thanks")
        return redirect(f"{url}?{urlencode({'netwerk': network.slug})}")
    status = submission.status
    context = _result_context(
        network=network,
        answers=answers,
        places=places,
        result=result,
        professional=False,
        form=form,
    )
    return render(request, "rechten/check_result.html", context, status=status)


def _contact_point_text(answers, places, network) -> str:
    result = check.check_result(network=network, answers=answers, places=places)
    said = "\n".join(
        f"- {question} {answer}" for question, answer in check.answers_in_words(answers, places)
    )
    return "\n\n".join(
        [
            _("From the rights check 'What could help us?'."),
            f"{_('The answers')}:\n{said}",
            check.result_in_words(result),
        ]
    )


@never_cache
@login_required
def rights_check_desk(request):
    """A social worker with a family: every question on one screen, every result at once,
    printable in the family's language, "start a referral" per result. Nothing stored
    but the counts."""
    if not permissions.can(request.user, "right.check_with_family"):
        raise PermissionDenied
    networks = list(
        Network.objects.filter(id__in=permissions.working_network_ids(request.user)).order_by(
            "name"
        )
    )
    if not networks:
        raise PermissionDenied
    chosen = request.POST.get("netwerk") or request.GET.get("netwerk")
    network = next((n for n in networks if n.slug == chosen), networks[0])
    request.network = network
    places = check.places_of(network)
    languages = [
        (code, translation.get_language_info(code)["name_local"]) for code, _n in settings.LANGUAGES
    ]
    family_language = request.POST.get("language", get_language())
    if family_language not in dict(languages):
        family_language = get_language()
    if request.method == "POST":
        answers = check.clean_answers(request.POST, places=places)
        with translation.override(family_language):
            result = check.check_result(network=network, answers=answers, places=places)
            services.check_counts_record(
                right_ids=result.worth_checking_ids(),
                deelgemeente_id=result.place.id if result.place else None,
            )
            context = _result_context(
                network=network, answers=answers, places=places, result=result, professional=True
            )
            context["family_language"] = family_language
            return render(request, "rechten/check_result.html", context)
    return render(
        request,
        "rechten/check_desk.html",
        {
            "network": network,
            "networks": networks,
            "screens": _question_screens(places),
            "languages": languages,
            "family_language": family_language,
        },
    )
