from celery import shared_task

from .dataset import datasets_build


@shared_task(name="opendata.tasks.datasets_build")
def datasets_build_task() -> int:
    """Beat, nightly: the downloadable dataset in every site language."""
    return len(datasets_build())
