"""The questions-first home page: the installation's, and each network's (views.network)."""

from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from aanbod.icons import icon_for_search
from huisvanhetkind.page_cache import public_page
from partners.selectors import network_for_request

from ..home_content import home_content

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
    """The home page of the network the page speaks for (the default network here).

    The network comes from partners' cache and everything under the layout from
    `home_content` (kept rendered): a page costs no query once they are warm.
    """

    template_name = "dashboards/home.html"

    def get_context_data(self, **kwargs):
        network = network_for_request(self.request)
        scope = f"&network={network.pk}" if network else ""
        shown = {
            "entry_points": [
                (label, f"?{query}{scope}", icon_for_search(query)) for label, query in ENTRY_POINTS
            ],
            "scope_query": scope.lstrip("&"),
        }
        content = home_content(
            context=shown, network=network, now=timezone.now(), limit=HOME_AGENDA_ITEMS
        )
        return {**super().get_context_data(**kwargs), **shown, "content": content}
