"""Stable UUIDs for open data, step 3 of 3: required and unique from now on."""

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("aanbod", "0009_hsds_uuids_fill")]

    operations = [
        migrations.AlterField(
            model_name="offer",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
