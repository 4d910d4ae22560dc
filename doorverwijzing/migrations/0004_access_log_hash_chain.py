"""The referral access log becomes a hash chain, and TRUNCATE is refused too.

Every new row gets, from a BEFORE INSERT trigger, its place in the chain (chain_index)
and chain_hash = sha256 over the previous row's chain_hash and this row's fields. The
trigger takes a transaction-level advisory lock first, so two writers never link to the
same previous row (the chain cannot fork); the lock is held until commit, which makes
log writes take turns. `manage.py accesslog_verify` recomputes the chain with the same
SQL function. Rows already in the log are chained here, in id order.
"""

from django.db import migrations, models

ROW_HASH = """
CREATE FUNCTION doorverwijzing_access_log_row_hash(
    previous text, entry doorverwijzing_accesslogentry
) RETURNS text AS $$
    SELECT encode(sha256(convert_to(json_build_array(
        coalesce(previous, ''),
        entry.chain_index,
        entry.id,
        entry.referral_id,
        to_char(entry.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        entry.actor_id,
        entry.action,
        entry.detail
    )::text, 'UTF8')), 'hex')
$$ LANGUAGE sql STABLE;
"""

BACKFILL = """
ALTER TABLE doorverwijzing_accesslogentry DISABLE TRIGGER access_log_append_only;
DO $$
DECLARE
    entry doorverwijzing_accesslogentry;
    previous text := NULL;
    position bigint := 0;
BEGIN
    FOR entry IN SELECT * FROM doorverwijzing_accesslogentry ORDER BY id LOOP
        position := position + 1;
        entry.chain_index := position;
        entry.chain_hash := doorverwijzing_access_log_row_hash(previous, entry);
        UPDATE doorverwijzing_accesslogentry
            SET chain_index = entry.chain_index, chain_hash = entry.chain_hash
            WHERE id = entry.id;
        previous := entry.chain_hash;
    END LOOP;
END;
$$;
ALTER TABLE doorverwijzing_accesslogentry ENABLE TRIGGER access_log_append_only;
"""

CHAIN = """
CREATE FUNCTION doorverwijzing_access_log_chain() RETURNS trigger AS $$
DECLARE
    last doorverwijzing_accesslogentry;
BEGIN
    -- Under REPEATABLE READ or SERIALIZABLE the snapshot predates the lock, so the
    -- "last row" below could be stale and the chain would fork.
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'the referral access log is written in READ COMMITTED transactions only';
    END IF;
    PERFORM pg_advisory_xact_lock('doorverwijzing_accesslogentry'::regclass::oid::bigint);
    SELECT * INTO last FROM doorverwijzing_accesslogentry
        WHERE chain_index IS NOT NULL ORDER BY chain_index DESC LIMIT 1;
    NEW.chain_index := coalesce(last.chain_index, 0) + 1;
    NEW.chain_hash := doorverwijzing_access_log_row_hash(last.chain_hash, NEW);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER access_log_chain
    BEFORE INSERT ON doorverwijzing_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION doorverwijzing_access_log_chain();

CREATE TRIGGER access_log_no_truncate
    BEFORE TRUNCATE ON doorverwijzing_accesslogentry
    FOR EACH STATEMENT EXECUTE FUNCTION doorverwijzing_access_log_is_append_only();
"""

UNDO = """
DROP TRIGGER IF EXISTS access_log_no_truncate ON doorverwijzing_accesslogentry;
DROP TRIGGER IF EXISTS access_log_chain ON doorverwijzing_accesslogentry;
DROP FUNCTION IF EXISTS doorverwijzing_access_log_chain();
DROP FUNCTION IF EXISTS doorverwijzing_access_log_row_hash(text, doorverwijzing_accesslogentry);
"""


class Migration(migrations.Migration):
    dependencies = [("doorverwijzing", "0003_unopened_referrals_and_network_mail_claims")]

    operations = [
        migrations.AddField(
            model_name="accesslogentry",
            name="chain_hash",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="chain_index",
            field=models.BigIntegerField(editable=False, null=True),
        ),
        migrations.RunSQL(ROW_HASH + BACKFILL + CHAIN, UNDO),
        migrations.AddConstraint(
            model_name="accesslogentry",
            constraint=models.UniqueConstraint(
                fields=("chain_index",), name="access_log_one_row_per_link"
            ),
        ),
    ]
