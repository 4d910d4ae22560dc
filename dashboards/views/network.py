"""A network's own page: the questions-first home page, scoped to that network."""

from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from aanbod.icons import icon_for_search
from huisvanhetkind.page_cache import public_page
from partners.selectors import network_get_public

from ..selectors import network_this_week
from .home import ENTRY_POINTS, HOME_AGENDA_ITEMS


@method_decorator(public_page, name="get")
class NetworkHomeView(TemplateView):
    """Every network of an installation gets the home page, pre-filtered to it.

    The network and its week come from caches (`network_get_public`,
    `network_this_week`): a rendered page costs no query once they are warm.
    """

    template_name = "dashboards/home.html"

    def get(self, request, *args, **kwargs):
        request.network = network_get_public(slug=kwargs["network_slug"])
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        network = self.request.network
        scope = f"network={network.pk}"
        return {
            **super().get_context_data(**kwargs),
            "entry_points": [
                (label, f"?{query}&{scope}", icon_for_search(query))
                for label, query in ENTRY_POINTS
            ],
            "this_week": network_this_week(
                network_id=network.pk, now=timezone.now(), limit=HOME_AGENDA_ITEMS
            ),
            "scope_query": scope,
        }
