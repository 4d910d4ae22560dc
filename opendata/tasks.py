from celery import shared_task

from .dataset import datasets_build


@shared_task(name="opendata.tasks.datasets_build")
def datasets_build_task() -> int:
    """Beat, nightly: the downloadable dataset in every site language."""
    return len(datasets_build())


@shared_task(name="opendata.tasks.offer_import_run")
def offer_import_run_task(run_id: int) -> str:
    """A confirmed import of offers (opendata/offer_import.py): all rows or none."""
    from .offer_import import offer_import_run

    return offer_import_run(run_id=run_id).status


@shared_task(name="opendata.tasks.offers_reindex")
def offers_reindex_task(offer_ids: list[int]) -> int:
    """The search documents of imported offers, after the import's commit."""
    from aanbod.search_index import reindex_offers

    from aanbod.models import Offer

    return reindex_offers(Offer.objects.filter(pk__in=offer_ids))
