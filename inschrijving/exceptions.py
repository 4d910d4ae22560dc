class RegistrationError(Exception):
    """A registration that cannot be made or changed; the message is for the family."""


class RegistrationClosedError(RegistrationError):
    pass


class RegistrationFullError(RegistrationError):
    pass


class RegistrationStateError(RegistrationError):
    pass


class SubscriptionError(Exception):
    pass
