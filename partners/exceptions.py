from huisvanhetkind.exceptions import DomainError, NotAllowed


class PermissionDeniedError(NotAllowed):
    """The actor may not do this; views turn it into a message (or a 403)."""


class InvitationError(DomainError):
    """The invitation cannot be made as asked; the message says why."""


class MeetingError(DomainError):
    """A meeting, agenda or decision cannot be saved as asked; the message says what to fix."""
