"""Paging through lists that grow for years without counting all of them."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

# A page number typed into the address counts up to this page at most (a LIMIT past
# PostgreSQL's bigint would be an error).
MAX_PAGE_NUMBER = 1_000_000


class CappedCountPaginator(Paginator):
    """A paginator of a QuerySet that counts its rows up to `cap`, not all of them.

    A COUNT over everything an organisation ever received grows with the years while a
    page stays 50 rows. This one counts at most `cap` rows, or up to the page asked for
    when that lies further, plus one: when that one exists, `count_capped` is True and
    `num_pages` is one more than the whole pages counted, so "Next" still leads on and
    the page says "Page 3 of more than 20" (includes/pagination.html).
    """

    def __init__(self, object_list, per_page: int, *, cap: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        # Whole pages, so that "more than N pages" is exact.
        self.counted_rows = -(-cap // per_page) * per_page

    def get_page(self, number):
        try:
            asked = min(int(number), MAX_PAGE_NUMBER)
        except (TypeError, ValueError):
            asked = 1
        # Django shows the last page for a number below 1; this list's last page is
        # not known, so it shows the first.
        asked = max(asked, 1)
        self.counted_rows = max(self.counted_rows, asked * self.per_page)
        return super().get_page(asked)

    @cached_property
    def count(self) -> int:
        # Which rows are counted does not matter, only how many: no ORDER BY.
        return self.object_list.order_by()[: self.counted_rows + 1].count()

    @property
    def count_capped(self) -> bool:
        return self.count > self.counted_rows
