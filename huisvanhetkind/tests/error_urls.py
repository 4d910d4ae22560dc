"""The portal's URLs plus one view that fails, to see the 500 page a visitor gets."""

from django.urls import path

from huisvanhetkind.urls import *  # noqa: F403
from huisvanhetkind.urls import urlpatterns as portal_urlpatterns


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [path("kapot/", broken), *portal_urlpatterns]
