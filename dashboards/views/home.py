"""Pages that gather from several apps: the questions-first home page and its agenda."""

from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from aanbod.agenda import agenda_between
from aanbod.filters import OfferFilters
from aanbod.icons import icon_for_search
from huisvanhetkind.page_cache import public_page
from partners.selectors import network_for_request, network_get_public

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
    template_name = "dashboards/home.html"

    def get_context_data(self, **kwargs):
        network = network_for_request(self.request)
        scope = f"&network={network.pk}" if network else ""
        today = timezone.localdate()
        days = agenda_between(
            first_day=today,
            days=7 - today.weekday(),
            filters=OfferFilters(networks=(network.pk,) if network else ()),
            now=timezone.now(),
            # The first few of the week are enough: only those rows become objects.
            per_day=HOME_AGENDA_ITEMS,
            limit=HOME_AGENDA_ITEMS,
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


class NetworkHomeView(HomeView):
    """Every network of an installation gets the questions-first home page, scoped to it."""

    def get(self, request, *args, **kwargs):
        request.network = network_get_public(slug=kwargs["network_slug"])
        return super().get(request, *args, **kwargs)
