"""Serving a document: only its sanitised rendition (or thumbnail), never the upload.

Every answer names the file per RFC 6266 (an ASCII fallback and the UTF-8 `filename*`),
forbids sniffing and caching, and carries a CSP that lets nothing in the file run.
"""

from __future__ import annotations

import unicodedata
from pathlib import PurePosixPath
from urllib.parse import quote

from django.http import FileResponse, Http404

from onboarding.models import Document
from onboarding.services.documents import private_storage

FILE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def content_disposition(disposition: str, filename: str) -> str:
    """`inline; filename="x.png"; filename*=UTF-8''x.png` with the name safely encoded."""
    name = PurePosixPath(filename)
    ascii_stem = unicodedata.normalize("NFKD", name.stem).encode("ascii", "ignore").decode()
    ascii_stem = "".join(ch if ch.isalnum() or ch in "._- " else "_" for ch in ascii_stem)
    suffix = name.suffix.encode("ascii", "ignore").decode()
    fallback = (ascii_stem.strip("._ ") or "document") + suffix
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def served_name(document: Document, extension: str, *, thumbnail: bool = False) -> str:
    """The user's name for the file with the served copy's own extension."""
    stem = PurePosixPath(document.original_filename).stem or "document"
    suffix = "-preview" if thumbnail else ""
    return f"{stem[:200]}{suffix}.{extension}"


def rendition_response(document: Document, *, thumbnail: bool = False) -> FileResponse:
    key = document.thumbnail_key if thumbnail else document.rendition_key
    if not key:
        raise Http404
    content_type = "image/jpeg" if thumbnail else document.rendition_content_type
    extension = key.rsplit(".", 1)[-1]
    # Images open in the page (<img>); PDFs download, so no browser plug-in renders them here.
    disposition = "attachment" if content_type == "application/pdf" else "inline"
    try:
        handle = private_storage().open(key, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition(
        disposition, served_name(document, extension, thumbnail=thumbnail)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = FILE_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
