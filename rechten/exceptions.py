class RightStateError(Exception):
    """A right cannot take this step in its current state."""


class RightPermissionError(Exception):
    """The user may not change this network's rights."""
