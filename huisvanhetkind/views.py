from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from .health import health_report, may_see_health_details


@never_cache
@require_GET
def healthz(request):
    report = health_report()
    status = 200 if report["status"] == "ok" else 503
    if not may_see_health_details(request):
        # Which part is down tells an attacker where to push; monitoring only needs ok.
        report = {"status": report["status"]}
    return JsonResponse(report, status=status)


class AccessibilityStatementView(TemplateView):
    template_name = "huisvanhetkind/accessibility.html"


class PrivacyStatementView(TemplateView):
    template_name = "huisvanhetkind/privacy.html"
