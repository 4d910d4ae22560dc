"""Every write of the referral app: one function per step (see docs/architecture.md).

`referrals` holds the referral's steps, `intake` the families' own questions; both
are re-exported here, so `services.referral_send` and `services.intake_close` work.
"""

from .intake import (  # noqa: F401
    intake_access_log_record,
    intake_access_log_record_export,
    intake_close,
    intake_convert_to_referral,
    intake_create,
    intake_questions_today,
    intake_take_in_hand,
    intakes_purge_expired,
)
from .referrals import (  # noqa: F401
    PUBLIC_ID_ALPHABET,
    access_log_record,
    consent_withdraw,
    contact_preference_errors,
    referral_accept,
    referral_cancel,
    referral_close,
    referral_decline,
    referral_mark_opened,
    referral_record_contact_attempt,
    referral_record_first_contact,
    referral_send,
    referrals_purge_expired,
)
