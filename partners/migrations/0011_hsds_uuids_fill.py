"""Stable UUIDs for open data, step 2 of 3: one random UUID for every existing row."""

import uuid

from django.db import migrations

MODELS = ["network", "organisation", "location"]


def fill(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("partners", name)
        rows = list(model.objects.filter(uuid=None).only("pk"))
        for row in rows:
            row.uuid = uuid.uuid4()
        model.objects.bulk_update(rows, ["uuid"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("partners", "0010_hsds_uuids")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
