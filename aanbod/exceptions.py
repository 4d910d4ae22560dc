class OfferStateError(Exception):
    """A state change that the offer's current status does not allow; the message is for users."""
