"""A network with families' questions is not deleted: their access log is append-only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("doorverwijzing", "0010_access_log_of_intake_requests"),
        ('partners', '0012_hsds_uuids_required'),
    ]

    operations = [
        migrations.AlterField(
            model_name='intakerequest',
            name='network',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='intake_requests', to='partners.network'),
        ),
    ]
