"""The whole open dataset as one JSON file per language, built nightly (beat).

A reuser who wants everything takes the file instead of paging through the API (and
its rate limit). The file holds the same HSDS objects as the API, plus the licence.
Written next to the old file and renamed, so a download never sees half a file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from . import hsds, selectors

FOLDER = "opendata"
CHUNK = 500


def dataset_path(lang: str) -> Path:
    return Path(settings.MEDIA_ROOT) / FOLDER / f"hsds-{lang}.json"


def dataset_build(*, lang: str) -> Path:
    """Write the dataset in `lang`; queries per CHUNK services stay constant."""
    path = dataset_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".json.partial")
    with partial.open("w", encoding="utf-8") as out:
        head = {
            "hsds_version": hsds.HSDS_VERSION,
            "licence": settings.OPEN_DATA_LICENCE,
            "language": lang,
            "generated_at": timezone.now().isoformat(),
        }
        out.write(json.dumps(head, ensure_ascii=False)[:-1])
        out.write(',"services":[')
        first = True
        for offer in selectors.services(lang=lang).iterator(chunk_size=CHUNK):
            out.write(
                ("" if first else ",") + json.dumps(hsds.service(offer, lang), ensure_ascii=False)
            )
            first = False
        out.write('],"organizations":')
        orgs = selectors.organizations(with_locations=True).iterator(chunk_size=CHUNK)
        json.dump(
            [hsds.organization(o, lang, with_locations=True) for o in orgs], out, ensure_ascii=False
        )
        out.write(',"taxonomies":')
        json.dump([hsds.taxonomy(t, lang) for t in hsds.TAXONOMIES], out, ensure_ascii=False)
        out.write(',"taxonomy_terms":')
        json.dump(hsds.taxonomy_terms(lang), out, ensure_ascii=False)
        out.write("}")
    os.replace(partial, path)
    return path


def datasets_build() -> list[Path]:
    return [dataset_build(lang=code) for code, _name in settings.LANGUAGES]
