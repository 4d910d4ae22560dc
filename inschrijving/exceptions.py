from huisvanhetkind.exceptions import DomainError, NotAllowed, StateConflict


class RegistrationError(DomainError):
    """A registration that cannot be made or changed; the message is for the family."""


class RegistrationPermissionError(RegistrationError, NotAllowed):
    """The actor does not keep this offer's registrations (registration.manage): 403."""


class RegistrationClosedError(RegistrationError, StateConflict):
    """Registration for this list is not (or no longer) open."""


class RegistrationFullError(RegistrationError, StateConflict):
    """No place left and no waiting list: the register page offers similar activities."""


class RegistrationStateError(RegistrationError, StateConflict):
    """The list, registration or seat is not in a state that allows this step."""


class SubscriptionError(DomainError):
    """A 'keep me posted' subscription that cannot be made; the message is for the parent."""
