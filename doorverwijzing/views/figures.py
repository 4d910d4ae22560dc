"""Referral figures for coordinators and organisations: numbers, never a referral."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from ..charts import bar_chart
from ..figures import HIDDEN_TEXT, Period, figures_scope_for_user, referral_figures


@login_required
def figures(request):
    scope = figures_scope_for_user(request.user)
    if scope is None:
        raise PermissionDenied
    organisation = request.GET.get("organisatie", "")
    shown_scope = scope.narrowed_to(organisation)
    period = Period.from_params(
        request.GET.get("van"), request.GET.get("tot"), today=timezone.localdate()
    )
    result = referral_figures(scope=shown_scope, period=period)
    monthly_chart = bar_chart(
        chart_id="chart-months",
        title=_("Referrals sent and received per month"),
        description=_(
            "Bar chart: per month, the number of referrals sent (solid bars) "
            "and received (hatched bars). A number under 5 is shown as “%(hidden)s”."
        )
        % {"hidden": HIDDEN_TEXT},
        categories=[row.short_label for row in result.months],
        series=[
            (_("Sent"), [row.sent for row in result.months]),
            (_("Received"), [row.received for row in result.months]),
        ],
    )
    declines_chart = bar_chart(
        chart_id="chart-declines",
        title=_("Reasons for declining"),
        description=_("Bar chart: the number of declined referrals per reason in the period."),
        categories=[str(index + 1) for index in range(len(result.decline_reasons))],
        series=[(_("Declined"), [cell for _label, cell in result.decline_reasons])],
    )
    return render(
        request,
        "doorverwijzing/figures.html",
        {
            "figures": result,
            "scope": scope,
            "organisation": shown_scope.organisations[0][0] if shown_scope is not scope else None,
            "monthly_chart": monthly_chart,
            "declines_chart": declines_chart,
            "hidden_text": HIDDEN_TEXT,
            "van": f"{period.first:%Y-%m}",
            "tot": f"{period.last:%Y-%m}",
        },
    )
