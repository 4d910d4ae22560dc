"""The access log of referrals is append-only: the database itself refuses UPDATE and
DELETE, whatever the application (or a developer in a shell) tries.

TRUNCATE stays possible for the test runner's flush between tests; it needs a
privilege the web application's routine code never uses.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION doorverwijzing_access_log_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the referral access log is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER access_log_append_only
    BEFORE UPDATE OR DELETE ON doorverwijzing_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION doorverwijzing_access_log_is_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS access_log_append_only ON doorverwijzing_accesslogentry;
DROP FUNCTION IF EXISTS doorverwijzing_access_log_is_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("doorverwijzing", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
