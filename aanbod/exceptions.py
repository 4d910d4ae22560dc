from huisvanhetkind.exceptions import StateConflict


class OfferStateError(StateConflict):
    """A state change that the offer's current status does not allow; the message is for users."""
