"""PDF helpers for the decode and rendition checks: find active content, write a clean copy.

"There is no universal notion of a 'safe' PDF" (pikepdf's sanitize notes), so the policy is
narrow on purpose: an upload with scripts, launch actions, automatic actions, attachments,
XFA forms or script URIs is refused outright; an accepted one is still rewritten page by page
so reviewers only ever open pages, their content and their resources.
"""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

# Keys whose mere presence means the viewer may run something or unpack a file.
_ACTIVE_KEYS: dict[str, str] = {
    "/JavaScript": "javascript",
    "/JS": "javascript",
    "/AA": "additional_actions",
    "/Launch": "launch",
    "/EmbeddedFiles": "embedded_files",
    "/EmbeddedFile": "embedded_files",
    "/RichMedia": "rich_media",
    "/XFA": "xfa_form",
}
# Action types (the /S of an action dictionary) that leave the document or run code.
_ACTIVE_ACTIONS: dict[str, str] = {
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/SubmitForm": "submit_form",
    "/ImportData": "import_data",
    "/GoToR": "remote_goto",
    "/GoToE": "embedded_goto",
    "/RichMediaExecute": "rich_media",
}
_SCRIPT_URI_PREFIXES = ("javascript:", "file:", "vbscript:", "data:")

# A legitimate scan has a few hundred objects; the walk stops long before a crafted object
# graph can make it the slow part of a worker's time limit.
MAX_OBJECTS = 200_000

# The page keys a rendition keeps: what draws the page, nothing that acts (/AA, /Annots) or
# describes (/Metadata, /PieceInfo).
_PAGE_KEYS_KEPT = frozenset(
    {
        "/Type",
        "/Parent",
        "/Contents",
        "/Resources",
        "/MediaBox",
        "/CropBox",
        "/BleedBox",
        "/TrimBox",
        "/ArtBox",
        "/Rotate",
        "/UserUnit",
        "/Group",
    }
)


class PdfTooComplex(Exception):
    """The object graph is larger than any document we expect; treat as unreadable."""


def find_active_content(root: PdfObject) -> list[str]:
    """Reasons (sorted, unique) why the object graph reachable from `root` is active content.

    Walks dictionaries and arrays only: streams' dictionaries are inspected, their data is
    never decoded, so the walk cannot be turned into a decompression bomb.
    """
    reasons: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack: list[PdfObject] = [root]
    visited = 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            ref = (node.idnum, node.generation)
            if ref in seen:
                continue
            seen.add(ref)
            resolved = node.get_object()
            if resolved is None:  # a dangling reference: nothing there to act
                continue
            node = resolved
        visited += 1
        if visited > MAX_OBJECTS:
            raise PdfTooComplex
        if isinstance(node, DictionaryObject):
            _inspect_dictionary(node, reasons)
            stack.extend(node.values())
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return sorted(reasons)


def _inspect_dictionary(node: DictionaryObject, reasons: set[str]) -> None:
    for key, reason in _ACTIVE_KEYS.items():
        if key in node:
            reasons.add(reason)
    # dict.get() does not resolve indirect references, so every value is resolved here: a
    # crafted file can put "/Launch" in an object of its own.
    action = node.get("/S")
    if action is not None and str(action.get_object()) in _ACTIVE_ACTIONS:
        reasons.add(_ACTIVE_ACTIONS[str(action.get_object())])
    uri = node.get("/URI")
    if uri is not None and str(uri.get_object()).strip().lower().startswith(_SCRIPT_URI_PREFIXES):
        reasons.add("script_uri")
    open_action = node.get("/OpenAction")
    if open_action is not None and not _is_plain_destination(open_action.get_object()):
        reasons.add("open_action")


def _is_plain_destination(open_action: PdfObject) -> bool:
    """An /OpenAction that only says which page to show first is not active content.

    Office suites write `[page /Fit]` or a /GoTo action on ordinary PDFs, so refusing every
    /OpenAction would refuse many genuine bank letters.
    """
    if isinstance(open_action, ArrayObject):
        return True
    if not isinstance(open_action, DictionaryObject):
        return False
    action = open_action.get("/S")
    return action is not None and str(action.get_object()) == "/GoTo"


def rewrite_pdf(reader: PdfReader) -> bytes:
    """A new PDF holding only the pages: no catalogue extras (names, forms, open actions,
    outlines, XMP), no document info, no annotations, no page-level actions or metadata."""
    writer = PdfWriter()
    for page in reader.pages:
        # Strip on the reader's page first so the writer never clones the dropped objects.
        for key in [k for k in page if k not in _PAGE_KEYS_KEPT]:
            del page[key]
        writer.add_page(page)
    writer.metadata = None
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
