"""Before zitdagen get the ends-after-starts check (0008_weekly_slots): mend the rows that
would break it. An end before the start was typed the wrong way round: swap them. An end
equal to the start gets one hour (or starts an hour earlier late in the evening)."""

import datetime as dt

from django.db import migrations

ONE_HOUR = dt.timedelta(hours=1)


def _shift(time: dt.time, delta: dt.timedelta) -> dt.time:
    return (dt.datetime.combine(dt.date(2000, 1, 1), time) + delta).time()


def zitdag_times_fix(apps, schema_editor):
    Zitdag = apps.get_model("partners", "Zitdag")
    for zitdag in Zitdag.objects.all().only("id", "starts", "ends"):
        starts, ends = zitdag.starts, zitdag.ends
        if ends > starts:
            continue
        if ends < starts:
            starts, ends = ends, starts
        elif starts < dt.time(23, 0):
            ends = _shift(starts, ONE_HOUR)
        else:
            starts = _shift(ends, -ONE_HOUR)
        Zitdag.objects.filter(id=zitdag.id).update(starts=starts, ends=ends)


class Migration(migrations.Migration):
    dependencies = [("partners", "0006_translatable_texts")]

    operations = [migrations.RunPython(zitdag_times_fix, migrations.RunPython.noop)]
