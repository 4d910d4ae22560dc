"""Reads of the public catalogue from a read replica (on only with DATABASE_REPLICA_URL).

Parents' pages (search, offer, agenda, locations, networks) read `aanbod` and `partners`
rows that change a few times a day, so they can come from a streaming replica a second
behind. Everything else stays on the primary: every write, every read of the other apps
(referrals, accounts, sessions), and any read inside a transaction on the primary — so a
service that locks a row (select_for_update) or reads back what it just wrote never meets
the replica.
"""

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA_DB_ALIAS = "replica"
REPLICA_READ_APPS = frozenset({"aanbod", "partners"})


class PublicReadsToReplica:
    def db_for_read(self, model, **hints):
        if model._meta.app_label not in REPLICA_READ_APPS:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # One database seen through two connections: relations are always fine.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
