from celery import shared_task

from .search_index import reindex_offers, vocabulary_rebuild


@shared_task(name="aanbod.tasks.search_reindex_all")
def search_reindex_all_task() -> int:
    """Nightly: refresh every search document (upcoming dates and places change by
    themselves or in partners), then the "did you mean" vocabulary. Idempotent."""
    count = reindex_offers()
    vocabulary_rebuild()
    return count
