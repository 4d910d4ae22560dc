"""Opening periods and zitdagen are weekly slots (partners.models.WeeklySlot): the same
field names (starts, ends) and the same check, which zitdagen lacked until now."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("partners", "0007_zitdag_times_fixed")]

    operations = [
        migrations.RemoveConstraint(
            model_name="openingperiod", name="opening_period_closes_after_opening"
        ),
        migrations.RenameField(model_name="openingperiod", old_name="opens", new_name="starts"),
        migrations.RenameField(model_name="openingperiod", old_name="closes", new_name="ends"),
        migrations.AlterModelOptions(
            name="openingperiod",
            options={
                "ordering": ["weekday", "starts"],
                "verbose_name": "opening hours",
                "verbose_name_plural": "opening hours",
            },
        ),
        migrations.AddConstraint(
            model_name="openingperiod",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends__gt", models.F("starts"))),
                name="partners_openingperiod_ends_after_starts",
            ),
        ),
        migrations.AddConstraint(
            model_name="zitdag",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends__gt", models.F("starts"))),
                name="partners_zitdag_ends_after_starts",
            ),
        ),
    ]
