"""No wrong door: forward a referral to a better place, the referrer's answer for the family,
and a referral to an organisation of another network. Thin: selector, form, one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from huisvanhetkind import permissions
from huisvanhetkind.domain_errors import errors_on, messages_on

from .. import cross_network, forwarding, selectors
from ..choices import ForwardingStatus
from ..forms import ReferralForm
from ..forms_forwarding import ForwardForm, ForwardingConsentForm


@login_required
def referral_forward(request, public_id: str):
    referral = selectors.referral_open_for_user(user=request.user, public_id=public_id)
    if not permissions.can(request.user, "referral.handle", referral):
        raise PermissionDenied
    targets = forwarding.forwarding_targets_for(referral=referral)
    form = ForwardForm(request.POST or None, targets=targets)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with errors_on(form):
            done = forwarding.referral_forward(
                referral=referral,
                actor=request.user,
                to_organisation=data["to_organisation"],
                reason=data["reason"],
                basis=data["basis"],
                consent_given_by=data["consent_given_by"],
                consent_method=data["consent_method"],
            )
        if form.is_valid():
            if done.status == ForwardingStatus.DONE:
                # Need-to-know: the referral is no longer ours to read.
                messages.success(
                    request,
                    _("Referral %(ref)s is forwarded to %(to)s. The referrer sees it go on.")
                    % {"ref": referral.public_id, "to": done.to_organisation.name},
                )
                return redirect("doorverwijzing:inbox")
            messages.success(request, _("The referrer is asked to record the family's consent."))
            return redirect(referral)
    return render(request, "doorverwijzing/forward_form.html", {"referral": referral, "form": form})


@login_required
@require_POST
def forwarding_answer(request, public_id: str):
    """The referrer: the family agreed (record the consent) or not."""
    referral = selectors.referral_open_for_user(user=request.user, public_id=public_id)
    if not permissions.can(request.user, "referral.follow_up", referral):
        raise PermissionDenied
    waiting = forwarding.forwarding_waiting(referral=referral)
    if waiting is None:
        messages.error(request, _("There is no forwarding waiting for an answer."))
        return redirect(referral)
    saved = _("Saved. The other organisation is told.")
    if request.POST.get("answer") == "refuse":
        with messages_on(request, done=saved):
            forwarding.forwarding_refuse(forwarding=waiting, actor=request.user)
        return redirect(referral)
    form = ForwardingConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Record who gave consent and how."))
        return redirect(referral)
    with messages_on(request, done=saved):
        forwarding.forwarding_consent_record(
            forwarding=waiting,
            actor=request.user,
            given_by=form.cleaned_data["consent_given_by"],
            method=form.cleaned_data["consent_method"],
        )
    return redirect(referral)


@login_required
def referral_new_across_networks(request):
    if not permissions.can(request.user, "referral.send"):
        raise PermissionDenied
    referring = selectors.referring_organisations_for(user=request.user)
    receiving = cross_network.receiving_organisations_across_networks(user=request.user)
    form = ReferralForm(
        request.POST or None,
        initial={"referring_organisation": referring.first()},
        referring=referring,
        receiving=receiving,
    )
    if request.method == "POST" and form.is_valid():
        with errors_on(form):
            referral = cross_network.referral_send_across_networks(
                actor=request.user,
                referring_organisation=form.cleaned_data["referring_organisation"],
                receiving_organisation=form.cleaned_data["receiving_organisation"],
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
        {"form": form, "offer": None, "across_networks": True, "not_receiving": []},
    )
