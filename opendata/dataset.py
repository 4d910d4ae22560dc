"""The whole open dataset as one JSON file per language, built nightly (beat), and
beside it the same data as CSV tables in a zipped data package (opendata/tabular.py).

A reuser who wants everything takes the file instead of paging through the API (and
its rate limit). The file holds the same HSDS objects as the API, plus the licence.
Written next to the old file and renamed, so a download never sees half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from . import hsds, selectors, tabular

FOLDER = "opendata"
CHUNK = 500


def dataset_path(lang: str) -> Path:
    return Path(settings.MEDIA_ROOT) / FOLDER / f"hsds-{lang}.json"


def package_path(lang: str) -> Path:
    """The same data as tables: a zipped Frictionless data package (opendata/tabular.py)."""
    return Path(settings.MEDIA_ROOT) / FOLDER / f"hsds-{lang}.zip"


def dataset_build(*, lang: str) -> Path:
    """Write the dataset in `lang`, as JSON and as zipped CSV tables in the same pass;
    queries per CHUNK services stay constant."""
    path = dataset_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=path.parent) as folder:
        tables = tabular.TableWriter(Path(folder))
        try:
            _write_json(path, lang, tables)
        finally:
            tables.close()
        partial = Path(folder) / "package.zip"
        name = f"huisvanhetkind-hsds-{lang}"
        tabular.package_zip(
            Path(folder),
            partial,
            descriptor_data=tabular.descriptor(
                name=name, licence=settings.OPEN_DATA_LICENCE, lang=lang
            ),
        )
        os.replace(partial, package_path(lang))
    return path


def _write_json(path: Path, lang: str, tables: tabular.TableWriter) -> None:
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
            service = hsds.service(offer, lang)
            tables.service(service)
            out.write(("" if first else ",") + json.dumps(service, ensure_ascii=False))
            first = False
        out.write('],"organizations":')
        orgs = selectors.organizations(with_locations=True).iterator(chunk_size=CHUNK)
        organizations = [hsds.organization(o, lang, with_locations=True) for o in orgs]
        for organization in organizations:
            tables.organization(organization)
        json.dump(organizations, out, ensure_ascii=False)
        out.write(',"taxonomies":')
        taxonomies = [hsds.taxonomy(t, lang) for t in hsds.TAXONOMIES]
        json.dump(taxonomies, out, ensure_ascii=False)
        out.write(',"taxonomy_terms":')
        terms = hsds.taxonomy_terms(lang)
        json.dump(terms, out, ensure_ascii=False)
        out.write("}")
        for taxonomy in taxonomies:
            tables.row("taxonomies", taxonomy)
        for term in terms:
            tables.row("taxonomy_terms", term)
    os.replace(partial, path)


def datasets_build() -> list[Path]:
    return [dataset_build(lang=code) for code, _name in settings.LANGUAGES]
