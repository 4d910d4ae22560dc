"""`manage.py search_reindex`: refresh every offer's search columns and the vocabulary.

What the nightly task does (aanbod.tasks.search_reindex_all), in chunks so a big
catalogue never holds one long transaction. Run it after a deploy that adds search
columns (e.g. aanbod 0006_search_next_dates): until then those offers are searched the
slower way.
"""

from django.core.management.base import BaseCommand

from aanbod.models import Offer
from aanbod.search.index import reindex_offers
from aanbod.search.vocabulary import vocabulary_rebuild

CHUNK = 1000


class Command(BaseCommand):
    help = "Refresh the search document, filter columns and next dates of every offer."

    def handle(self, *args, **options):
        ids = list(Offer.objects.order_by("id").values_list("id", flat=True))
        for start in range(0, len(ids), CHUNK):
            reindex_offers(Offer.objects.filter(id__in=ids[start : start + CHUNK]))
        vocabulary_rebuild()
        self.stdout.write(f"Re-indexed {len(ids)} offers.")
