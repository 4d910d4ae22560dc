class SignalStateError(Exception):
    """A theme or signal is not in a state that allows this step."""


class SignalPermissionError(Exception):
    """The actor may not do this with this theme, signal or survey (the view answers 403/404)."""


class SignalCapReachedError(SignalStateError):
    """The network took as many family signals today as it accepts in a day."""
