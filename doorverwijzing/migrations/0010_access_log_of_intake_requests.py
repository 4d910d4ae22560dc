"""Reads and changes of a family's own question go into the same access log as referrals.

One log, one chain: a row is about exactly one referral or one question (a check
constraint), and the row hash covers the question too. The hash adds intake_id only when
it is set, so every row written before keeps its hash and `accesslog_verify` still finds
the chain intact; a question's row whose intake_id is changed behind the triggers' back
no longer matches.
"""

import django.db.models.deletion
from django.db import migrations, models

ROW_FIELDS = """
        coalesce(previous, ''),
        entry.chain_index,
        entry.id,
        entry.referral_id,
        to_char(entry.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        entry.actor_id,
        entry.action,
        entry.detail"""

ROW_HASH_WITH_INTAKE = f"""
CREATE OR REPLACE FUNCTION doorverwijzing_access_log_row_hash(
    previous text, entry doorverwijzing_accesslogentry
) RETURNS text AS $$
    SELECT encode(sha256(convert_to((CASE WHEN entry.intake_id IS NULL
        THEN json_build_array({ROW_FIELDS})
        ELSE json_build_array({ROW_FIELDS},
        entry.intake_id)
    END)::text, 'UTF8')), 'hex')
$$ LANGUAGE sql STABLE;
"""

ROW_HASH_REFERRALS_ONLY = f"""
CREATE OR REPLACE FUNCTION doorverwijzing_access_log_row_hash(
    previous text, entry doorverwijzing_accesslogentry
) RETURNS text AS $$
    SELECT encode(sha256(convert_to(json_build_array({ROW_FIELDS}
    )::text, 'UTF8')), 'hex')
$$ LANGUAGE sql STABLE;
"""


class Migration(migrations.Migration):
    dependencies = [("doorverwijzing", "0009_timeline_step_moment")]

    operations = [
        migrations.AddField(
            model_name="accesslogentry",
            name="intake",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="access_log",
                to="doorverwijzing.intakerequest",
            ),
        ),
        migrations.AlterField(
            model_name="accesslogentry",
            name="referral",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="access_log",
                to="doorverwijzing.referral",
            ),
        ),
        migrations.AddConstraint(
            model_name="accesslogentry",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("intake__isnull", True), ("referral__isnull", False)),
                    models.Q(("intake__isnull", False), ("referral__isnull", True)),
                    _connector="OR",
                ),
                name="access_log_of_one_referral_or_question",
            ),
        ),
        migrations.RunSQL(ROW_HASH_WITH_INTAKE, ROW_HASH_REFERRALS_ONLY),
    ]
