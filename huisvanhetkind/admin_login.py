"""One login for everyone: the admin's own login and logout hand over to allauth's.

Django's admin login checks only a password; allauth's adds the rate limits
and the second factor. The admin keeps linking to admin:login and admin:logout,
which these views answer.
"""

from urllib.parse import urlencode

from allauth.account.views import logout as allauth_logout
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def admin_login(request):
    if request.user.is_authenticated:
        # Logged in but not allowed in the admin: allauth would send them straight back here.
        raise PermissionDenied
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("admin:index")
    return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


# The admin's logout button posts here with its CSRF token; allauth logs out and redirects.
admin_logout = allauth_logout
