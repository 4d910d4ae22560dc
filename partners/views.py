from django.views.generic import TemplateView

from .selectors import network_get_public


class NetworkHomeView(TemplateView):
    template_name = "huisvanhetkind/home.html"

    def get(self, request, *args, **kwargs):
        request.network = network_get_public(slug=kwargs["network_slug"])
        return super().get(request, *args, **kwargs)
