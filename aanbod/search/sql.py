"""SQL fragments with their parameters, so the parts of a search statement compose safely.

Only our own constants are ever interpolated into the text; every value is a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sql:
    """A fragment of SQL with its positional parameters, so fragments compose safely."""

    text: str
    params: tuple = ()

    def __add__(self, other: Sql) -> Sql:
        return Sql(self.text + other.text, self.params + other.params)

    @staticmethod
    def join(separator: str, parts: list[Sql]) -> Sql:
        return Sql(separator.join(p.text for p in parts), tuple(x for p in parts for x in p.params))


TRUE = Sql("TRUE")
OFFER = "aanbod_offer"
