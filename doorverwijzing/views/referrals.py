"""Referral pages. Thin: load through a selector, validate a form, call one service."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from huisvanhetkind import permissions
from huisvanhetkind.domain_errors import errors_on, messages_on
from huisvanhetkind.pagination import CappedCountPaginator

from .. import inbox_parts, selectors, services
from ..choices import AccessAction
from ..exports import referral_export_data
from ..filters import ReferralInboxFilter
from ..forms import (
    CloseForm,
    ConsentWithdrawForm,
    DeclineForm,
    FirstContactForm,
    MailPreferenceForm,
    ReferralForm,
)


@login_required
def inbox(request):
    if not permissions.can(request.user, "referral.read"):
        raise PermissionDenied
    box = "sent" if request.GET.get("box") == "sent" else "received"
    filters = ReferralInboxFilter(
        request.GET, queryset=selectors.referral_inbox(user=request.user, box=box)
    )
    page = CappedCountPaginator(
        filters.qs, selectors.INBOX_PAGE_SIZE, cap=selectors.INBOX_COUNT_CAP
    ).get_page(request.GET.get("page"))
    page.object_list = list(selectors.referral_inbox_lines(page.object_list, box=box))
    mail_form = MailPreferenceForm(instance=selectors.mail_preference_of(user=request.user))
    return render(
        request,
        "doorverwijzing/inbox.html",
        {
            "page": page,
            "box": box,
            "rows_html": inbox_parts.rows_html(page, box=box, today=timezone.localdate()),
            "filters_html": inbox_parts.filters_html(request.GET, box=box),
            "mail_choice_html": inbox_parts.mail_choice_html(mail_form),
        },
    )


@login_required
@require_POST
def mail_preference(request):
    """Each step its mail (coalesced) or one mail a day: the social worker's own choice."""
    if not permissions.can(request.user, "referral.read"):
        raise PermissionDenied
    form = MailPreferenceForm(
        request.POST, instance=selectors.mail_preference_of(user=request.user)
    )
    if form.is_valid():
        form.save()
        messages.success(request, _("Saved: you get mails about referrals this way."))
    else:
        messages.error(request, _("Choose one of the options."))
    return redirect("doorverwijzing:inbox")


@login_required
def referral_new(request):
    if not permissions.can(request.user, "referral.send"):
        raise PermissionDenied
    referring = selectors.referring_organisations_for(user=request.user)
    receiving = selectors.receiving_organisations_for(user=request.user)
    offer = selectors.offer_for_referral(
        offer_id=request.GET.get("offer") or request.POST.get("offer_id")
    )
    initial = {"referring_organisation": referring.first()}
    offer_receives = offer is not None and receiving.filter(pk=offer.organisation_id).exists()
    if offer is not None:
        initial |= {"offer_id": offer.pk}
        if offer_receives:
            initial |= {"receiving_organisation": offer.organisation_id}
    form = ReferralForm(
        request.POST or None, initial=initial, referring=referring, receiving=receiving
    )
    if request.method == "POST" and form.is_valid():
        with errors_on(form):
            referral = services.referral_send(
                actor=request.user,
                referring_organisation=form.cleaned_data["referring_organisation"],
                receiving_organisation=form.cleaned_data["receiving_organisation"],
                offer=offer,
                consent=form.consent(),
                made_by_phone=form.cleaned_data["made_by_phone"],
                **form.details(),
            )
        if form.is_valid():
            messages.success(request, _("Referral %(ref)s is sent.") % {"ref": referral})
            return redirect(referral)
    return render(
        request,
        "doorverwijzing/referral_form.html",
        {
            "form": form,
            "offer": offer,
            "offer_receives": offer_receives,
            "not_receiving": selectors.organisations_not_receiving_for(user=request.user),
        },
    )


@login_required
def referral_detail(request, public_id: str):
    referral = selectors.referral_open_for_user(user=request.user, public_id=public_id)
    can_handle = permissions.can(request.user, "referral.handle", referral)
    return render(
        request,
        "doorverwijzing/referral_detail.html",
        {
            "referral": referral,
            "can_handle": can_handle,
            "can_follow_up": permissions.can(request.user, "referral.follow_up", referral),
            "decline_form": DeclineForm(referral=referral),
            "first_contact_form": FirstContactForm(referral=referral),
            "close_form": CloseForm(referral=referral),
        },
    )


def _act(request, public_id: str, step, form_class=None):
    """Run one step on a referral the user may read, answering errors with a message."""
    referral = selectors.referral_open_for_user(user=request.user, public_id=public_id)
    arguments = {}
    if form_class is not None:
        form = form_class(request.POST, referral=referral)
        if not form.is_valid():
            messages.error(request, _("Choose one of the options."))
            return redirect(referral)
        arguments = form.cleaned_data
    return _run_step(request, referral, step, **arguments)


def _run_step(request, referral, step, **arguments):
    """Call one service step; a refused step becomes a message (or a 403)."""
    with messages_on(request, done=_("Saved. The other organisation is told.")):
        step(referral=referral, actor=request.user, **arguments)
    return redirect(referral)


@login_required
@require_POST
def referral_accept(request, public_id: str):
    return _act(request, public_id, services.referral_accept)


@login_required
@require_POST
def referral_decline(request, public_id: str):
    return _act(request, public_id, services.referral_decline, DeclineForm)


@login_required
@require_POST
def referral_contact_attempt(request, public_id: str):
    return _act(request, public_id, services.referral_record_contact_attempt)


@login_required
@require_POST
def referral_first_contact(request, public_id: str):
    return _act(request, public_id, services.referral_record_first_contact, FirstContactForm)


@login_required
@require_POST
def referral_close(request, public_id: str):
    return _act(request, public_id, services.referral_close, CloseForm)


@login_required
@require_POST
def referral_cancel(request, public_id: str):
    return _act(request, public_id, services.referral_cancel)


@login_required
def consent_withdraw(request, public_id: str):
    """A page of its own with an explicit confirmation: erasing cannot be undone."""
    referral = selectors.referral_open_for_user(user=request.user, public_id=public_id)
    form = ConsentWithdrawForm(request.POST or None, referral=referral)
    if request.method == "POST" and form.is_valid():
        return _run_step(request, referral, services.consent_withdraw)
    return render(
        request, "doorverwijzing/consent_withdraw.html", {"referral": referral, "form": form}
    )


@login_required
def referral_access_log(request, public_id: str):
    referral = selectors.referral_open_for_user(user=request.user, public_id=public_id)
    return render(
        request,
        "doorverwijzing/access_log.html",
        {
            "referral": referral,
            "entries": selectors.referral_access_log(referral=referral),
        },
    )


@login_required
def referral_export(request, public_id: str):
    """Everything held about this referral, for the family's right of access."""
    referral = selectors.referral_open_for_user(user=request.user, public_id=public_id)
    services.access_log_record(referral=referral, actor=request.user, action=AccessAction.EXPORT)
    services.intake_access_log_record_export(referral=referral, actor=request.user)
    data = referral_export_data(referral)
    if request.GET.get("format") == "json":
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{referral.public_id}.json"'
        return response
    return render(request, "doorverwijzing/export.html", {"referral": referral, "data": data})
