"""The dashboards' pages: named without a namespace, as the home page always was."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("netwerk/<slug:network_slug>/", views.NetworkHomeView.as_view(), name="network_home"),
]
