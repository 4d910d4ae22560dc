"""The nightly dataset as a tabular data package: one CSV per HSDS table, zipped.

Spreadsheet users and database loaders want tables, not nested JSON. The same HSDS
objects the JSON file holds are written as rows: each nested list (a service's phones,
schedules, …) becomes a table of its own whose rows point to their owner through the
HSDS id columns (`service_id`, `location_id`, `organization_id`, `taxonomy_term_id`).
`datapackage.json` (Frictionless Data Package v1, Tabular) names every table, its
columns, types, primary key and foreign keys. Python's csv and zipfile, nothing more.
"""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

# Table -> its columns, in order. A column absent from an object is an empty cell
# (HSDS leaves empty values out of the JSON).
TABLES: dict[str, list[str]] = {
    "organizations": ["id", "name", "description", "email", "website"],
    "services": [
        "id",
        "organization_id",
        "name",
        "description",
        "url",
        "email",
        "status",
        "application_process",
        "fees_description",
        "eligibility_description",
        "minimum_age",
        "maximum_age",
        "alert",
        "assured_date",
        "last_modified",
    ],
    "locations": ["id", "organization_id", "location_type", "url", "name", "latitude", "longitude"],
    "service_at_locations": ["id", "service_id", "location_id"],
    "addresses": [
        "id",
        "location_id",
        "address_1",
        "city",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    ],
    "accessibility": ["id", "location_id", "description", "details"],
    "phones": ["id", "service_id", "organization_id", "number"],
    "contacts": ["id", "service_id", "name", "email"],
    "schedules": [
        "id",
        "service_id",
        "location_id",
        "freq",
        "wkst",
        "byday",
        "opens_at",
        "closes_at",
        "dtstart",
        "until",
        "count",
        "valid_from",
        "valid_to",
        "notes",
    ],
    "languages": ["id", "service_id", "name", "code"],
    "funding": ["id", "service_id", "source"],
    "cost_options": ["id", "service_id", "option", "amount", "currency", "amount_description"],
    "attributes": ["id", "link_id", "link_type", "link_entity", "taxonomy_term_id"],
    "taxonomies": ["id", "name", "description", "uri", "version"],
    "taxonomy_terms": ["id", "code", "name", "description", "taxonomy", "taxonomy_id", "language"],
}
TYPES = {
    "minimum_age": "number",
    "maximum_age": "number",
    "latitude": "number",
    "longitude": "number",
    "amount": "number",
    "count": "integer",
    "assured_date": "date",
    "dtstart": "date",
    "until": "date",
    "valid_from": "date",
    "valid_to": "date",
    "last_modified": "datetime",
}
# An id column -> the table it points to.
REFERENCES = {
    "organization_id": "organizations",
    "service_id": "services",
    "location_id": "locations",
    "taxonomy_term_id": "taxonomy_terms",
    "taxonomy_id": "taxonomies",
}


class TableWriter:
    """CSV files in a folder, filled object by object while the JSON file is written."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._files = {name: (folder / f"{name}.csv").open("w", newline="") for name in TABLES}
        self._writers = {}
        for name, handle in self._files.items():
            writer = csv.writer(handle)
            writer.writerow(TABLES[name])
            self._writers[name] = writer
        self._locations_seen: set[str] = set()

    def row(self, table: str, obj: dict) -> None:
        self._writers[table].writerow([obj.get(column, "") for column in TABLES[table]])

    def service(self, data: dict) -> None:
        self.row("services", data)
        parts = ("phones", "contacts", "schedules", "languages", "funding", "cost_options")
        for table in (*parts, "attributes"):
            for part in data.get(table, []):
                self.row(table, part)
        for pair in data.get("service_at_locations", []):
            self.row("service_at_locations", pair)
            if "location" in pair:
                self.location(pair["location"])

    def location(self, data: dict) -> None:
        """Many services share a place: it is written once."""
        if data["id"] in self._locations_seen:
            return
        self._locations_seen.add(data["id"])
        self.row("locations", data)
        for table in ("addresses", "accessibility", "schedules"):
            for part in data.get(table, []):
                self.row(table, part)

    def organization(self, data: dict) -> None:
        self.row("organizations", data)
        for phone in data.get("phones", []):
            self.row("phones", phone)

    def close(self) -> None:
        for handle in self._files.values():
            handle.close()


def descriptor(*, name: str, licence: str, lang: str) -> dict:
    """The datapackage.json of the tables (Tabular Data Package)."""
    resources = []
    for table, columns in TABLES.items():
        foreign_keys = [
            {"fields": column, "reference": {"resource": REFERENCES[column], "fields": "id"}}
            for column in columns
            if column in REFERENCES and REFERENCES[column] != table
        ]
        resources.append(
            {
                "name": table,
                "path": f"{table}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {"name": column, "type": TYPES.get(column, "string")} for column in columns
                    ],
                    "primaryKey": "id",
                    "foreignKeys": foreign_keys,
                },
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": f"Huis van het Kind: HSDS 3.0 ({lang})",
        "licenses": [{"name": licence}],
        "resources": resources,
    }


def package_zip(folder: Path, target: Path, *, descriptor_data: dict) -> None:
    """Zip the tables with their descriptor into `target` (written whole, then renamed
    by the caller)."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(descriptor_data, indent=2))
        for table in TABLES:
            archive.write(folder / f"{table}.csv", f"{table}.csv")
