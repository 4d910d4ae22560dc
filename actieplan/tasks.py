from celery import shared_task
from django.utils import timezone

from .services import evidence_pack_build, evidence_packs_scheduled


@shared_task(name="actieplan.tasks.evidence_pack_build")
def evidence_pack_build_task(pack_id: int) -> str:
    """Build one requested evidence pack (safe to run twice: see the service)."""
    pack = evidence_pack_build(pack_id=pack_id)
    return pack.status if pack else "gone"


@shared_task(name="actieplan.tasks.evidence_packs_scheduled")
def evidence_packs_scheduled_task() -> int:
    """Beat, daily: builds only on EVIDENCE_BUILD_DATE."""
    return len(evidence_packs_scheduled(today=timezone.localdate()))
