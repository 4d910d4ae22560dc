from huisvanhetkind.exceptions import LimitReached, NotAllowed, StateConflict


class SignalStateError(StateConflict):
    """A theme or signal is not in a state that allows this step."""


class SignalPermissionError(NotAllowed):
    """The actor may not do this with this theme, signal or survey (403; selectors answer 404)."""


class SignalCapReachedError(SignalStateError, LimitReached):
    """The network took as many family signals today as it accepts in a day."""
