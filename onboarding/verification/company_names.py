"""Is the merchant's legal name on the document? Tolerant of OCR noise and typography.

Both sides are reduced to letters and digits (NFKC, case-folded, no spaces, punctuation or
brackets: Tesseract puts spaces between Chinese characters and mixes （ and ( ), then the
name is looked for as a whole and, failing that, as the most similar window of the text.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

# Legal-form words written in several ways; reduced to one spelling before comparing.
_LEGAL_FORMS = (
    (re.compile(r"limited"), "ltd"),
    (re.compile(r"company"), "co"),
    (re.compile(r"corporation"), "corp"),
    (re.compile(r"incorporated"), "inc"),
)


def normalise_name(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(ch for ch in folded if unicodedata.category(ch)[0] in ("L", "N"))
    for pattern, short in _LEGAL_FORMS:
        kept = pattern.sub(short, kept)
    return kept


def name_similarity(name: str, text: str) -> float:
    """1.0 when the name appears in the text; otherwise the best similarity ratio between
    the name and a window of the text of about its length (0.0 when nothing comparable)."""
    wanted = normalise_name(name)
    haystack = normalise_name(text)
    if not wanted or not haystack:
        return 0.0
    if wanted in haystack:
        return 1.0
    best = 0.0
    # Windows one character shorter or longer catch a dropped or an inserted character.
    for size in {max(1, len(wanted) - 1), len(wanted), len(wanted) + 1}:
        for start in range(max(1, len(haystack) - size + 1)):
            matcher = SequenceMatcher(None, wanted, haystack[start : start + size], autojunk=False)
            if matcher.real_quick_ratio() <= best or matcher.quick_ratio() <= best:
                continue
            best = max(best, matcher.ratio())
    return best
