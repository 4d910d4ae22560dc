class PlanStateError(Exception):
    """The plan, action or evidence pack is not in a state that allows this step."""


class PlanPermissionError(Exception):
    """The actor may not do this with this plan (the view answers 403, or 404 when not theirs)."""
