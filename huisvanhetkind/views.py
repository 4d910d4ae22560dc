from django.http import JsonResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from aanbod.agenda import agenda_between
from aanbod.filters import OfferFilters
from aanbod.icons import icon_for_search
from partners.selectors import network_for_request

from .health import health_report, may_see_health_details
from .page_cache import public_page


@never_cache
@require_GET
def healthz(request):
    report = health_report()
    status = 200 if report["status"] == "ok" else 503
    if not may_see_health_details(request):
        # Which part is down tells an attacker where to push; monitoring only needs ok.
        report = {"status": report["status"]}
    return JsonResponse(report, status=status)


# The parents' questions on the home page, each a pre-filtered search (its pictogram comes
# from the filter, see aanbod.icons).
ENTRY_POINTS = [
    (_("We are expecting a baby"), "age=expecting"),
    (_("My child is 0 to 3 years old"), "age=0-3"),
    (_("I am looking for childcare"), "domain=childcare"),
    (_("I have questions about parenting"), "domain=parenting"),
    (_("Money worries"), "domain=money"),
    (_("My teenager…"), "age=12-18"),
]
HOME_AGENDA_ITEMS = 6


@method_decorator(public_page, name="get")
class HomeView(TemplateView):
    template_name = "huisvanhetkind/home.html"

    def get_context_data(self, **kwargs):
        network = network_for_request(self.request)
        scope = f"&network={network.pk}" if network else ""
        today = timezone.localdate()
        days = agenda_between(
            first_day=today,
            days=7 - today.weekday(),
            filters=OfferFilters(networks=(network.pk,) if network else ()),
            now=timezone.now(),
        )
        this_week = [(day.day, offer, date) for day in days for offer, date in day.items]
        return {
            **super().get_context_data(**kwargs),
            "entry_points": [
                (label, f"?{query}{scope}", icon_for_search(query)) for label, query in ENTRY_POINTS
            ],
            "this_week": this_week[:HOME_AGENDA_ITEMS],
            "scope_query": scope.lstrip("&"),
        }


class AccessibilityStatementView(TemplateView):
    template_name = "huisvanhetkind/accessibility.html"


class PrivacyStatementView(TemplateView):
    template_name = "huisvanhetkind/privacy.html"
