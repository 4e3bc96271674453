"""Check 1: the bytes are a JPEG, PNG or PDF, the name's last suffix agrees, the item takes it.

The type is decided by content (libmagic). The user's filename only contributes its last
suffix, which must agree: `a.jpg.php` is a `.php` file to a web server, so it is refused.
"""

from __future__ import annotations

import re
from pathlib import PureWindowsPath

import magic
from django.utils.translation import gettext_lazy as _

from onboarding.verification.base import (
    CheckResult,
    FileFormat,
    ItemSpec,
    Outcome,
    describe_formats,
    make_result,
)

CHECK = "content_type"

_BY_EXTENSION: dict[str, FileFormat] = {
    "jpg": FileFormat.JPEG,
    "jpeg": FileFormat.JPEG,
    "png": FileFormat.PNG,
    "pdf": FileFormat.PDF,
}
_BY_MIME: dict[str, FileFormat] = {f.content_type: f for f in FileFormat}

# libmagic decides from the start of the file; 8 KiB covers every signature it needs for ours.
_SNIFF_BYTES = 8192

# Markup that turns an image into an HTML/SVG/PHP polyglot when a browser or server sniffs it
# (Django's docs: "a valid PNG header followed by malicious HTML" passes Pillow). Real JPEG and
# PNG data never holds these tags: compressed bytes do not, and XMP packets use other tags.
_MARKUP = re.compile(
    rb"<(?:html|head|body|script|iframe|object|embed|svg|meta|form)[\s/>]|<!doctype\s+html|<\?php",
    re.IGNORECASE,
)


def declared_extension(filename: str) -> str:
    """The last suffix of the user's filename, lower-cased, whatever path it pretends to have.

    Windows separators count too, so `..\\..\\x.png` and `../../x.png` both give `png`.
    A name without a dot has no extension ('').
    """
    name = PureWindowsPath(filename.replace("/", "\\")).name
    _stem, dot, suffix = name.rpartition(".")
    return suffix.lower() if dot else ""


def sniff_mime(data: bytes) -> str:
    return magic.from_buffer(data[:_SNIFF_BYTES], mime=True)


def check_content_type(
    *, data: bytes, size: int, declared_filename: str, item: ItemSpec
) -> tuple[CheckResult, FileFormat | None]:
    """Return the verdict and, when it passes, the format every later check works with.

    `size` is the file's size on disk; `data` may be empty when the file is over the limit
    (the pipeline does not read what it will refuse).
    """
    accepted = describe_formats(item.accepted_formats)
    if size == 0:
        return make_result(
            CHECK, Outcome.FAIL, _("The file is empty. Choose the file again."), reason="empty"
        ), None
    if size > item.max_bytes:
        return make_result(
            CHECK,
            Outcome.FAIL,
            _("The file is %(size_mb)s MB; the limit is %(limit_mb)s MB. Upload a smaller file."),
            {"size_mb": _megabytes(size), "limit_mb": _megabytes(item.max_bytes)},
            reason="too_large",
            size=size,
            limit=item.max_bytes,
        ), None

    extension = declared_extension(declared_filename)
    declared = _BY_EXTENSION.get(extension)
    if declared is None:
        return make_result(
            CHECK,
            Outcome.FAIL,
            _(
                "Files ending in “.%(extension)s” are not accepted. "
                "Upload a %(accepted)s file with the matching extension."
            ),
            {"extension": extension or "?", "accepted": accepted},
            reason="extension_not_allowed",
            extension=extension,
        ), None

    mime = sniff_mime(data)
    sniffed = _BY_MIME.get(mime)
    if sniffed is None:
        return make_result(
            CHECK,
            Outcome.FAIL,
            _("The file's content is %(mime)s, which is not accepted. Upload a %(accepted)s file."),
            {"mime": mime, "accepted": accepted},
            reason="content_not_allowed",
            sniffed=mime,
        ), None
    if sniffed is not declared:
        return make_result(
            CHECK,
            Outcome.FAIL,
            _(
                "The file's content is %(sniffed)s but its name ends in “.%(extension)s”. "
                "Upload the original file without renaming it."
            ),
            {"sniffed": sniffed.name, "extension": extension},
            reason="extension_mismatch",
            sniffed=mime,
            extension=extension,
        ), None
    if sniffed not in item.accepted_formats:
        return make_result(
            CHECK,
            Outcome.FAIL,
            _("This document must be a %(accepted)s file, not %(sniffed)s."),
            {"accepted": accepted, "sniffed": sniffed.name},
            reason="format_not_accepted_for_item",
            sniffed=mime,
        ), None
    if sniffed is not FileFormat.PDF and _MARKUP.search(data):
        return make_result(
            CHECK,
            Outcome.FAIL,
            _(
                "The file starts like a %(sniffed)s image but contains web-page code. "
                "Upload a plain photo or scan."
            ),
            {"sniffed": sniffed.name},
            reason="markup_in_image",
            sniffed=mime,
        ), None
    return make_result(
        CHECK,
        Outcome.PASS,
        _("The file is a %(sniffed)s, as its name says."),
        {"sniffed": sniffed.name},
        reason="ok",
        sniffed=mime,
        extension=extension,
    ), sniffed


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"
