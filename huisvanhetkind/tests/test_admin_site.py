import pytest
from django.contrib import admin
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def test_the_admin_builds_a_users_app_list_once_per_request(cast):
    request = RequestFactory().get("/admin/")
    request.user = cast.coordinator
    first = admin.site.get_app_list(request)
    assert first, "a coordinator works in the admin"
    assert admin.site.get_app_list(request) is first
    assert admin.site.each_context(request)["available_apps"] is first
    # One app's page asks for its own list, not the whole site's.
    assert [app["app_label"] for app in admin.site.get_app_list(request, "aanbod")] == ["aanbod"]


def test_the_next_request_builds_the_app_list_anew(cast):
    first, second = RequestFactory().get("/admin/"), RequestFactory().get("/admin/")
    first.user = second.user = cast.coordinator
    assert admin.site.get_app_list(second) is not admin.site.get_app_list(first)
