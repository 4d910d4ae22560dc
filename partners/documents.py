"""Agreement documents: private files, served only to who may see the agreement.

They live with the other uploads (MEDIA_ROOT), but nothing serves MEDIA_URL in
production, and their address (`FieldFile.url`, which the admin's widget shows too) is
the view `partners:agreement_document`, which checks `agreement.view` for every download.
New uploads get a random name, so a name says nothing and cannot be guessed.
"""

import re
import uuid
from pathlib import PurePosixPath

from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify

UPLOAD_FOLDER = "agreements"
_SAFE_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")


def agreement_document_path(instance, filename: str) -> str:
    return f"{UPLOAD_FOLDER}/{uuid.uuid4().hex}{_suffix(filename)}"


def agreement_download_name(agreement) -> str:
    """The name a downloaded file gets: the agreement's subject, not the random one."""
    return (slugify(agreement.subject) or "overeenkomst") + _suffix(agreement.document.name)


def _suffix(filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()
    return suffix if _SAFE_SUFFIX.fullmatch(suffix) else ""


@deconstructible
class AgreementDocumentStorage(FileSystemStorage):
    """MEDIA_ROOT on disk; the address of a file is the permission-checking view."""

    def url(self, name: str | None) -> str:
        return reverse("partners:agreement_document", kwargs={"name": name})


def agreement_document_storage() -> AgreementDocumentStorage:
    return AgreementDocumentStorage()
