class ReferralStateError(Exception):
    """The referral is not in a state that allows this step."""


class ReferralPermissionError(Exception):
    """The actor may not take this step on this referral (the view answers 403/404)."""


class ConsentMissingError(Exception):
    """No referral leaves without the family's recorded consent."""


class IntakeStateError(ReferralStateError):
    """A family's question is not in a state that allows this step (e.g. already closed)."""


class DailyCapReachedError(IntakeStateError):
    """The network took as many questions (or family signals) today as it accepts in a day."""
