"""Pages of signals: give one (staff and families), bundle, decide, feed back, overview.

Thin: load through a selector, validate a form, call one service; a domain error becomes a
message through huisvanhetkind.domain_errors. A family's words never go into a URL or a log line.
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from huisvanhetkind import permissions
from huisvanhetkind.antispam import Submission, public_form_submit
from huisvanhetkind.charts import bar_chart, figure
from huisvanhetkind.domain_errors import errors_on, messages_on
from partners import selectors as network_selectors

from . import selectors, services
from .choices import THEME_TRANSITIONS
from .filters import NetworkChoiceFilterSet
from .forms import (
    AnswerToSignalForm,
    BundleForm,
    FamilySignalForm,
    FeedbackForm,
    StaffSignalForm,
    SurveyForm,
    ThemeStatusForm,
)
from .models import Theme

PUBLIC_RATE_LIMIT = 5  # signals or survey answers per client address …
PUBLIC_RATE_WINDOW_SECONDS = 60 * 60  # … per hour
TOO_MANY = _(
    "You have sent several messages in a short time. Please try again in an hour, "
    "or call or e-mail us."
)


def _public_submit(request, form, *, scope: str, submit, **messages_) -> Submission:
    return public_form_submit(
        request,
        form,
        scope=scope,
        limit=PUBLIC_RATE_LIMIT,
        window_seconds=PUBLIC_RATE_WINDOW_SECONDS,
        too_many=TOO_MANY,
        submit=submit,
        **messages_,
    )


# --- Staff: give a signal, see your own ----------------------------------------------


@login_required
def signal_new(request):
    networks = selectors.networks_for_reporting(user=request.user)
    if not networks:
        raise PermissionDenied
    municipalities, deelgemeenten = selectors.places_of(networks)
    deelgemeenten = list(deelgemeenten)
    known = [m.name for m in municipalities] + [d.name for d in deelgemeenten]
    known += [n.name for n in networks]
    form = StaffSignalForm(
        request.POST or None,
        networks=networks,
        municipalities=list(municipalities),
        deelgemeenten=deelgemeenten,
        known_words=known,
    )
    if request.method == "POST" and form.is_valid():
        services.signal_report(actor=request.user, **form.details())
        messages.success(request, _("Thank you. Your signal is saved."))
        return redirect("signalen:mine")
    return render(request, "signalen/signal_form.html", {"form": form})


@login_required
def my_signals(request):
    page = Paginator(selectors.my_signals(user=request.user), selectors.MY_SIGNALS_PAGE_SIZE)
    return render(
        request,
        "signalen/my_signals.html",
        {
            "page": page.get_page(request.GET.get("page")),
            "can_manage": permissions.can(request.user, "theme.manage"),
            "can_overview": permissions.can(request.user, "signal.overview"),
        },
    )


# --- Families: a signal on the public site -------------------------------------------


def _public_network(request):
    slug = request.GET.get("netwerk", "")
    if slug:
        return network_selectors.network_get_public(slug=slug)
    return network_selectors.network_default()


def signal_give(request):
    network = _public_network(request)
    request.network = network
    municipalities = selectors.places_of([network] if network else [])[0]
    form = FamilySignalForm(
        request.POST or None,
        municipalities=municipalities,
        known_words=selectors.place_names(network=network) if network else (),
    )
    status = 200
    if request.method == "POST" and network is not None:
        submission = _public_submit(
            request,
            form,
            scope="signal",
            submit=lambda: services.signal_give_as_family(network=network, **form.details()),
        )
        if submission.done:
            url = reverse("signalen:give_thanks")
            return redirect(f"{url}?{urlencode({'netwerk': network.slug})}")
        status = submission.status
    return render(
        request, "signalen/give_form.html", {"form": form, "network": network}, status=status
    )


def signal_give_thanks(request):
    request.network = _public_network(request)
    return render(request, "signalen/give_thanks.html", {"network": request.network})


# --- Needs surveys (public) ----------------------------------------------------------


def survey_answer(request, slug: str):
    survey = selectors.survey_get_public(slug=slug)
    request.network = survey.network
    form = SurveyForm(request.POST or None, questions=list(survey.questions.all()))
    status = 200
    if request.method == "POST":
        submission = _public_submit(
            request,
            form,
            scope="survey",
            spam=_("We could not send your answers. Please call or e-mail us."),
            submit=lambda: services.survey_answers_submit(
                survey=survey, answers=form.answers(), language=get_language()
            ),
        )
        if submission.done:
            return redirect("signalen:survey_thanks", slug=survey.slug)
        status = submission.status
    return render(
        request, "signalen/survey_form.html", {"survey": survey, "form": form}, status=status
    )


def survey_thanks(request, slug: str):
    survey = selectors.survey_get_public(slug=slug)
    request.network = survey.network
    return render(request, "signalen/survey_thanks.html", {"survey": survey})


# --- Coordinator: bundle, decide, feed back ------------------------------------------


def _coordinated_network(request):
    networks = selectors.coordinated_networks(user=request.user)
    return NetworkChoiceFilterSet(request.GET, queryset=networks).network(), networks


@login_required
def bundle(request):
    """Unbundled signals with checkboxes: add them to an open theme or a new one."""
    if not permissions.can(request.user, "theme.manage"):
        raise PermissionDenied
    network, networks = _coordinated_network(request)
    signals = selectors.unbundled_signals(user=request.user, network=network)
    themes = selectors.open_themes_for_user(user=request.user, network=network)
    form = BundleForm(request.POST or None, signals=signals, themes=themes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with errors_on(form):
            theme, moved = services.signals_bundle_into_theme(
                actor=request.user,
                network=network,
                signal_ids=[s.id for s in data["signals"]],
                theme=data["theme"],
                new_title=data["new_title"],
            )
        if form.is_valid():
            messages.success(
                request,
                ngettext(
                    "%(count)s signal added to “%(theme)s”.",
                    "%(count)s signals added to “%(theme)s”.",
                    moved,
                )
                % {"count": moved, "theme": theme},
            )
            return redirect("signalen:theme_detail", pk=theme.pk)
    page = Paginator(signals, selectors.UNBUNDLED_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "signalen/bundle.html",
        {"form": form, "page": page, "network": network, "networks": networks},
    )


@login_required
def theme_list(request):
    if not permissions.can(request.user, "theme.manage"):
        raise PermissionDenied
    network, networks = _coordinated_network(request)
    return render(
        request,
        "signalen/theme_list.html",
        {
            "themes": selectors.theme_list_for_user(user=request.user, network=network),
            "network": network,
            "networks": networks,
        },
    )


@login_required
def theme_detail(request, pk: int):
    theme = selectors.theme_get_for_user(user=request.user, pk=pk)
    allowed = sorted(THEME_TRANSITIONS[theme.status])
    return render(
        request,
        "signalen/theme_detail.html",
        {
            "theme": theme,
            "signals": selectors.theme_signals(theme=theme),
            "status_form": ThemeStatusForm(allowed=allowed) if allowed else None,
            "feedback_form": FeedbackForm(initial={"feedback": theme.feedback}),
        },
    )


@login_required
@require_POST
def theme_status(request, pk: int):
    theme = selectors.theme_get_for_user(user=request.user, pk=pk)
    form = ThemeStatusForm(request.POST, allowed=sorted(services.THEME_STEPS))
    if form.is_valid():
        step = services.THEME_STEPS[form.cleaned_data["status"]]
        with messages_on(request, done=_("The status is changed.")):
            step(theme=theme, actor=request.user, reason=form.cleaned_data["reason"])
    else:
        messages.error(request, _("Choose a status."))
    return redirect("signalen:theme_detail", pk=theme.pk)


@login_required
@require_POST
def theme_feedback(request, pk: int):
    theme = selectors.theme_get_for_user(user=request.user, pk=pk)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        with messages_on(request, done=_("The feedback is sent to the signal givers.")):
            services.theme_feedback_send(
                theme=theme, actor=request.user, feedback=form.cleaned_data["feedback"]
            )
    else:
        messages.error(request, _("Write the feedback first."))
    return redirect("signalen:theme_detail", pk=theme.pk)


@login_required
@require_POST
def signal_unbundle(request, pk: int):
    signal = selectors.signal_get_for_user(user=request.user, pk=pk)
    theme_id = signal.theme_id
    with messages_on(request):
        services.signal_unbundle(actor=request.user, signal=signal)
    if theme_id is None:
        return redirect("signalen:bundle")
    return redirect("signalen:theme_detail", pk=theme_id)


@login_required
def survey_list(request):
    if not permissions.can(request.user, "theme.manage"):
        raise PermissionDenied
    network, networks = _coordinated_network(request)
    return render(
        request,
        "signalen/survey_list.html",
        {
            "surveys": selectors.survey_list_for_user(user=request.user, network=network),
            "network": network,
            "networks": networks,
        },
    )


@login_required
def survey_results(request, pk: int):
    survey = selectors.survey_get_for_user(user=request.user, pk=pk)
    themes = list(selectors.open_themes_for_user(user=request.user, network=survey.network))
    page = Paginator(selectors.survey_answers(survey=survey), 100).get_page(request.GET.get("page"))
    return render(
        request, "signalen/survey_results.html", {"survey": survey, "page": page, "themes": themes}
    )


@login_required
@require_POST
def survey_answer_to_signal(request, pk: int):
    answer = selectors.survey_answer_get_for_user(user=request.user, pk=pk)
    survey = answer.question.survey
    themes = selectors.open_themes_for_user(user=request.user, network=survey.network)
    form = AnswerToSignalForm(request.POST, themes=themes)
    if form.is_valid():
        with messages_on(request, done=_("The answer is now a signal.")):
            services.survey_answer_to_signal(
                answer=answer, actor=request.user, theme=form.cleaned_data["theme"]
            )
    return redirect("signalen:survey_results", pk=survey.pk)


# --- Overview for the coordinator and the stuurgroep ---------------------------------


def _numbered_chart(chart_id: str, title: str, description: str, rows) -> str:
    """Bars numbered 1, 2, 3 …: the table beside the chart names them (labels are long)."""
    return bar_chart(
        chart_id=chart_id,
        title=title,
        description=description,
        categories=[str(index + 1) for index in range(len(rows))],
        series=[(_("Signals"), [figure(count) for _key, _label, count in rows])],
    )


def _twelve_months(today: dt.date) -> tuple[dt.date, dt.date]:
    """This month so far and the eleven before it: [start, end)."""
    months_back = today.year * 12 + today.month - 1 - 11
    return dt.date(months_back // 12, months_back % 12 + 1, 1), today + dt.timedelta(days=1)


@login_required
@require_POST
def search_gap_signal(request):
    """Turn a frequent search that found nothing into a gap signal of the network."""
    network = selectors.network_for_user(
        networks=selectors.coordinated_networks(user=request.user),
        slug=request.POST.get("netwerk"),
    )
    query = services.normalise_search_query(request.POST.get("query", ""))
    start, end = _twelve_months(timezone.localdate())
    searches = selectors.search_gap_total(network=network, query=query, start=start, end=end)
    overview_url = reverse("signalen:overview") + "?" + urlencode({"netwerk": network.slug})
    if not searches:
        messages.error(request, _("This search is not among the network's searches."))
        return redirect(overview_url + "#search-gaps")
    done = _("The search is now a signal. Bundle it into a theme under “Bundle”.")
    with messages_on(request, done=done):
        services.signal_from_search_gap(
            actor=request.user, network=network, query=query, searches=searches
        )
    return redirect(overview_url + "#search-gaps")


@login_required
def overview(request):
    networks = selectors.overview_networks(user=request.user)
    if not networks.exists():
        raise PermissionDenied
    network = NetworkChoiceFilterSet(request.GET, queryset=networks).network()
    today = timezone.localdate()
    start, end = _twelve_months(today)
    counts = selectors.signal_counts(network=network, start=start, end=end)
    trends = selectors.theme_trends(network=network, today=today)
    top_trends = trends.themes[:6]
    charts = {
        "months": bar_chart(
            chart_id="chart-months",
            title=_("Signals per month"),
            description=_("Bar chart: the number of signals per month, the last twelve months."),
            categories=[f"{month:%m} {month:%Y}" for month, _label, _n in counts.per_month],
            series=[(_("Signals"), [figure(n) for _month, _label, n in counts.per_month])],
        ),
        "themes": _numbered_chart(
            "chart-themes",
            _("Signals per theme"),
            _("Bar chart: the number of signals per theme, numbered as in the table."),
            counts.per_theme,
        ),
        "barriers": _numbered_chart(
            "chart-barriers",
            _("Signals per barrier"),
            _("Bar chart: the number of signals per barrier, numbered as in the table."),
            counts.per_barrier,
        ),
        "trend": bar_chart(
            chart_id="chart-trend",
            title=_("Trend per theme over three years"),
            description=_(
                "Bar chart: per theme (numbered as in the table), the number of signals in each "
                "of the last three twelve-month periods: solid, hatched and dotted bars, "
                "oldest first."
            ),
            categories=[str(index + 1) for index in range(len(top_trends))],
            series=[
                (period.label, [figure(trend.counts[index]) for trend in top_trends])
                for index, period in enumerate(trends.periods)
            ],
        ),
    }
    return render(
        request,
        "signalen/overview.html",
        {
            "network": network,
            "networks": networks,
            "counts": counts,
            "trends": trends,
            "top_trends": top_trends,
            "charts": charts,
            "start": start,
            "last_day": today,
            "search_gaps": selectors.search_gaps(network=network, start=start, end=end),
            "can_manage": permissions.can(request.user, "theme.manage", Theme(network=network)),
        },
    )
