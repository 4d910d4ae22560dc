from django.urls import path

from . import views

app_name = "actieplan"

# Every URL with an id must answer 404 to a coordinator of another network:
# actieplan/tests/test_access.py lists them and fails on a new one without a row.
urlpatterns = [
    path("actieplan/", views.plan_list, name="plan_list"),
    path("actieplan/nieuw/", views.plan_create, name="plan_create"),
    path("actieplan/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("actieplan/<int:pk>/plan.<str:extension>", views.plan_download, name="plan_download"),
    path("actieplan/<int:pk>/bewerken/", views.plan_edit, name="plan_edit"),
    path("actieplan/<int:pk>/vaststellen/", views.plan_adopt, name="plan_adopt"),
    path("actieplan/<int:pk>/doelen/nieuw/", views.goal_create, name="goal_create"),
    path("actieplan/<int:pk>/onderbouwing/", views.pack_request, name="pack_request"),
    path("actieplan/doelen/<int:pk>/bewerken/", views.goal_edit, name="goal_edit"),
    path("actieplan/doelen/<int:pk>/acties/nieuw/", views.action_create, name="action_create"),
    path("actieplan/acties/<int:pk>/bewerken/", views.action_edit, name="action_edit"),
    path("actieplan/acties/<int:pk>/resultaat/", views.action_result, name="action_result"),
    path("actieplan/onderbouwing/<int:pk>/", views.pack_detail, name="pack_detail"),
    path("actieplan/onderbouwing/<int:pk>/status/", views.pack_status, name="pack_status"),
    path(
        "actieplan/onderbouwing/<int:pk>/download.<str:extension>",
        views.pack_download,
        name="pack_download",
    ),
]
