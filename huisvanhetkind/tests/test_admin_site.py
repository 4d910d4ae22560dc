import pytest
from django.contrib import admin
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from huisvanhetkind.admin_site import app_list_html

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


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_kept_app_list_is_the_one_django_renders(cast, language):
    request = RequestFactory().get("/admin/")
    request.user = cast.coordinator
    with translation.override(language):
        app_list = admin.site.get_app_list(request)
        django = render_to_string(
            "admin/app_list.html",
            {"app_list": app_list, "show_changelinks": True, "request": request},
        )
        assert app_list_html(request, app_list) == django
        assert app_list_html(request, app_list) == django  # kept


def test_each_user_gets_the_app_list_of_their_own_permissions(cast):
    lists = []
    for user in (cast.coordinator, cast.owner):
        request = RequestFactory().get("/admin/")
        request.user = user
        lists.append(app_list_html(request, admin.site.get_app_list(request)))
    coordinators, editors = lists
    assert "/admin/partners/agreement/" in coordinators
    assert "/admin/partners/agreement/" not in editors
