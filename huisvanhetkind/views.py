from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from .health import health_report


@never_cache
@require_GET
def healthz(request):
    report = health_report()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)


class HomeView(TemplateView):
    template_name = "huisvanhetkind/home.html"


class AccessibilityStatementView(TemplateView):
    template_name = "huisvanhetkind/accessibility.html"


class PrivacyStatementView(TemplateView):
    template_name = "huisvanhetkind/privacy.html"
