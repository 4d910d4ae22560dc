from django.utils import timezone

from .models import Heartbeat


def heartbeat_record(*, name: str = "beat") -> Heartbeat:
    beat, _created = Heartbeat.objects.update_or_create(
        name=name, defaults={"last_seen": timezone.now()}
    )
    return beat
