"""The official HSDS 3.0 JSON schemas, as the judge of our export (tests only).

They are read from outside the project (`HSDS_SCHEMA_DIR`, else the first
`shared/hsds-3.0/schema` folder found going up from the project): the files are
CC BY-SA 4.0 and stay unmodified where they are. The files carry no `$id` and refer
to each other by bare file name, so each is registered under its file name.

`strict=True` sets `additionalProperties: false` on every object schema, so a
misspelled field name in our export fails instead of passing as an extension.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path

from django.conf import settings

SUBFOLDER = Path("shared") / "hsds-3.0" / "schema"


def schema_dir() -> Path | None:
    """The folder with service.json and friends, or None when this checkout has none."""
    if settings.HSDS_SCHEMA_DIR:
        folder = Path(settings.HSDS_SCHEMA_DIR)
        return folder if (folder / "service.json").is_file() else None
    here = Path(settings.BASE_DIR).resolve()
    for parent in [here, *here.parents]:
        folder = parent / SUBFOLDER
        if (folder / "service.json").is_file():
            return folder
    return None


def _forbid_unknown(node):
    """A copy of a schema where every object with `properties` allows no other keys."""
    if isinstance(node, dict):
        node = {key: _forbid_unknown(value) for key, value in node.items()}
        if "properties" in node and node.get("type", "object") == "object":
            node.setdefault("additionalProperties", False)
        return node
    if isinstance(node, list):
        return [_forbid_unknown(item) for item in node]
    return node


@cache
def validators(strict: bool = False) -> dict:
    """File name ("service.json") -> a Draft 2020-12 validator with formats checked."""
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    folder = schema_dir()
    if folder is None:
        raise FileNotFoundError("The HSDS 3.0 schema folder was not found.")
    documents = {}
    for path in sorted(folder.glob("*.json")):
        if path.name == "openapi.json":
            continue
        document = json.loads(path.read_text(encoding="utf-8"))
        documents[path.name] = _forbid_unknown(document) if strict else copy.deepcopy(document)
    registry = Registry().with_resources(
        (name, Resource.from_contents(document, default_specification=DRAFT202012))
        for name, document in documents.items()
    )
    checker = FormatChecker()
    return {
        name: Draft202012Validator(document, registry=registry, format_checker=checker)
        for name, document in documents.items()
    }


def errors(name: str, instance, *, strict: bool = False) -> list[str]:
    """Every problem of `instance` against schema file `name`, as readable lines."""
    return [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(root)'}: {error.message}"
        for error in validators(strict)[name].iter_errors(instance)
    ]


def openapi_page_fields() -> list[str]:
    """The paginated list's fields as the official openapi.json names them."""
    folder = schema_dir()
    document = json.loads((folder / "openapi.json").read_text(encoding="utf-8"))
    return [*document["components"]["schemas"]["Page"]["properties"], "contents"]
