"""Stable UUIDs for open data (HSDS `id`), step 1 of 3: the column, still empty."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("aanbod", "0007_search_next_dates")]

    operations = [
        migrations.AddField(
            model_name="offer", name="uuid", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.AddField(
            model_name="offer",
            name="uitdatabank_id",
            field=models.UUIDField(blank=True, editable=False, null=True, unique=True),
        ),
    ]
