from huisvanhetkind.exceptions import NotAllowed, StateConflict


class RightStateError(StateConflict):
    """A right cannot take this step in its current state."""


class RightPermissionError(NotAllowed):
    """The user may not change this network's rights (403)."""
