"""What a family may ask to see: everything held about their referral, in plain form."""

from .models import IntakeRequest, Referral


def referral_export_data(referral: Referral) -> dict:
    consent = getattr(referral, "consent", None)
    # The family's own question, when the referral came from "Stel je vraag".
    intake = IntakeRequest.objects.filter(referral=referral).first()
    return {
        "reference": referral.public_id,
        "status": referral.get_status_display(),
        "from": referral.referring_organisation.name,
        "to": referral.receiving_organisation.name,
        "offer": referral.offer.title if referral.offer_id else None,
        "sent_at": referral.sent_at.isoformat(),
        "family": {
            "name": referral.family_name,
            "phone": referral.family_phone,
            "email": referral.family_email,
            "language": referral.language,
            "interpreter_needed": referral.interpreter_needed,
            "children_ages": referral.children_ages,
        },
        "question": referral.question,
        "already_done": referral.already_done,
        "consent": {
            "given_by": consent.given_by,
            "given_at": consent.given_at.isoformat(),
            "method": consent.get_method_display(),
            "share_contact_details": consent.share_contact_details,
            "share_question": consent.share_question,
            "withdrawn_at": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
        }
        if consent
        else None,
        "own_question": {
            "asked_at": intake.created_at.isoformat(),
            "name": intake.name,
            "phone": intake.phone,
            "email": intake.email,
            "language": intake.language,
            "question": intake.question,
            "best_time": intake.best_time,
            "erased_at": intake.erased_at.isoformat() if intake.erased_at else None,
        }
        if intake
        else None,
        "outcome": referral.get_outcome_display() or None,
        "timeline": [
            {
                "at": entry.at.isoformat(),
                "step": entry.get_kind_display(),
                "organisation": entry.organisation.name if entry.organisation_id else None,
                "detail": entry.detail,
            }
            for entry in referral.timeline.all()
        ],
        "erased_at": referral.erased_at.isoformat() if referral.erased_at else None,
    }
