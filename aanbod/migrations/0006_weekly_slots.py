"""An offer's weekly times are weekly slots (partners.models.WeeklySlot): the check keeps
its meaning under the name every weekly slot's check has."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("aanbod", "0005_need_words_starting_list")]

    operations = [
        migrations.RemoveConstraint(
            model_name="recurringschedule", name="recurring_schedule_ends_after_start"
        ),
        migrations.AddConstraint(
            model_name="recurringschedule",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends__gt", models.F("starts"))),
                name="aanbod_recurringschedule_ends_after_starts",
            ),
        ),
    ]
