from huisvanhetkind.exceptions import NotAllowed, StateConflict


class PlanStateError(StateConflict):
    """The plan, action or evidence pack is not in a state that allows this step."""


class PlanPermissionError(NotAllowed):
    """The actor may not do this with this plan (403; selectors answer 404 when not theirs)."""
