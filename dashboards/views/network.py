"""A network's own page: the questions-first home page, scoped to that network."""

from partners.selectors import network_get_public

from .home import HomeView


class NetworkHomeView(HomeView):
    """Every network of an installation gets the home page, pre-filtered to it (the network
    comes from partners' cache: no query once warm)."""

    def get(self, request, *args, **kwargs):
        request.network = network_get_public(slug=kwargs["network_slug"])
        return super().get(request, *args, **kwargs)
