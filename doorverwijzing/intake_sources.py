"""Where a family's question came from ("bron" in the link to the question form).

Every door — the network page, a search without results, an offer without its own
contact, the rights check — leads to the same contact point; the inbox shows which door.
"""

from .choices import IntakeSource

SOURCE_PARAMETER = "bron"
# Values a link may name; the offer is known from the offer itself.
LINKED_SOURCES = {IntakeSource.NETWORK_PAGE, IntakeSource.SEARCH, IntakeSource.RIGHTS_CHECK}


def intake_source_for(*, requested: str, offer) -> str:
    """The source to store: an unknown or tampered value is the plain question form."""
    if offer is not None:
        return IntakeSource.OFFER
    if requested in LINKED_SOURCES:
        return requested
    return IntakeSource.QUESTION_FORM
