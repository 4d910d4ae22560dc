from django.urls import path

from . import views

app_name = "rechten"

urlpatterns = [
    path("wat-kan-helpen/", views.rights_check, name="check"),
    path("wat-kan-helpen/hulp/", views.rights_check_help, name="help"),
    path("wat-kan-helpen/samen/", views.rights_check_desk, name="desk"),
]
