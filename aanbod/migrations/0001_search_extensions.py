# unaccent and pg_trgm are contrib extensions shipped with every PostgreSQL we run
# (embedded 18, CI 15, compose). pg_trgm serves typo-tolerant matching and "did you mean".
from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [UnaccentExtension(), TrigramExtension()]
