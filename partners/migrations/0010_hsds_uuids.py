"""Stable UUIDs for open data (HSDS `id`), step 1 of 3: the column, still empty."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("partners", "0009_meeting_decisions")]

    operations = [
        migrations.AddField(
            model_name="network", name="uuid", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.AddField(
            model_name="organisation",
            name="uuid",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name="location", name="uuid", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.AddField(
            model_name="location",
            name="uitdatabank_id",
            field=models.UUIDField(blank=True, editable=False, null=True, unique=True),
        ),
    ]
