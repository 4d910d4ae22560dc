"""Checking the referral access log's hash chain.

The chain is written by the database (doorverwijzing/migrations/0004_access_log_hash_chain.py):
each row's chain_hash covers the previous row's chain_hash and its own fields, and
chain_index counts 1, 2, 3… A row changed or deleted behind the triggers' back (a
superuser can switch them off) no longer matches. Someone who can also rewrite every later
hash is caught only by comparing with a head noted earlier outside the database
(`accesslog_verify --expect INDEX:HASH`).
"""

from dataclasses import dataclass

from django.db import connection

CHAIN_QUERY = """
SELECT entry.id, entry.chain_index, entry.chain_hash,
       lag(entry.chain_index) OVER chain,
       doorverwijzing_access_log_row_hash(lag(entry.chain_hash) OVER chain, entry)
FROM doorverwijzing_accesslogentry entry
WINDOW chain AS (ORDER BY entry.chain_index NULLS LAST, entry.id)
ORDER BY entry.chain_index NULLS LAST, entry.id
"""


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    chain_index: int | None
    reason: str


@dataclass(frozen=True)
class ChainReport:
    rows: int
    head_index: int | None
    head_hash: str
    breaks: list[ChainBreak]


def access_log_chain_check(*, batch_size: int = 5000) -> ChainReport:
    """Walk the whole chain in order; every row that does not follow from the one before."""
    rows, head_index, head_hash, breaks = 0, None, "", []
    with connection.cursor() as cursor:
        cursor.execute(CHAIN_QUERY)
        while batch := cursor.fetchmany(batch_size):
            for entry_id, index, stored, previous_index, expected in batch:
                rows += 1
                reason = _break_reason(index, stored, previous_index, expected)
                if reason:
                    breaks.append(ChainBreak(entry_id=entry_id, chain_index=index, reason=reason))
                head_index, head_hash = index, stored
    return ChainReport(rows=rows, head_index=head_index, head_hash=head_hash, breaks=breaks)


def _break_reason(index, stored, previous_index, expected) -> str:
    if index is None or not stored:
        return "not chained (written with the triggers off)"
    if index != (previous_index or 0) + 1:
        return f"follows link {previous_index or 0}: rows missing before it"
    if stored != expected:
        return "hash does not match: this row or the one before it was changed"
    return ""


def access_log_link(*, chain_index: int) -> str | None:
    """The stored hash of one link, to compare with a head noted earlier."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT chain_hash FROM doorverwijzing_accesslogentry WHERE chain_index = %s",
            [chain_index],
        )
        row = cursor.fetchone()
    return row[0] if row else None
