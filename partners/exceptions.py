class PermissionDeniedError(Exception):
    """The actor may not do this; views turn it into a message (or a 403)."""


class InvitationError(Exception):
    """The invitation cannot be made as asked; the message says why."""
