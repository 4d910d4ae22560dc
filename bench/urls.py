"""Bench-only pages, included by huisvanhetkind/urls.py when BENCH_VIEWS=1 (never in production)."""

from django.urls import path

from . import views

app_name = "bench"

urlpatterns = [
    path("minimal/", views.minimal, name="minimal"),
    path("search-sql/", views.search_sql, name="search_sql"),
]
