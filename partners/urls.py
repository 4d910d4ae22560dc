from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path(
        "netwerk/<slug:network_slug>/partners/", views.partner_directory, name="partner_directory"
    ),
    path("locatie/<slug:slug>/", views.location_detail, name="location_detail"),
    path("groepen/", views.group_list, name="group_list"),
    path("groepen/<int:pk>/", views.group_detail, name="group_detail"),
    path("overeenkomsten/<path:name>", views.agreement_document, name="agreement_document"),
]
