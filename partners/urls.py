from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("netwerk/<slug:network_slug>/", views.NetworkHomeView.as_view(), name="network_home"),
]
