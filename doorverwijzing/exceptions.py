from huisvanhetkind.exceptions import LimitReached, NotAllowed, StateConflict


class ReferralStateError(StateConflict):
    """The referral is not in a state that allows this step."""


class ReferralPermissionError(NotAllowed):
    """The actor may not take this step on this referral (403; selectors answer 404)."""


class ConsentMissingError(StateConflict):
    """No referral leaves without the family's recorded consent."""


class IntakeStateError(ReferralStateError):
    """A family's question is not in a state that allows this step (e.g. already closed)."""


class DailyCapReachedError(IntakeStateError, LimitReached):
    """The network took as many questions (or family signals) today as it accepts in a day."""
