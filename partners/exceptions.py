class PermissionDeniedError(Exception):
    """The actor may not do this; views turn it into a message (or a 403)."""


class InvitationError(Exception):
    """The invitation cannot be made as asked; the message says why."""


class MeetingError(Exception):
    """A meeting, agenda or decision cannot be saved as asked; the message says what to fix."""
