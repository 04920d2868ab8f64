"""The injected-content scanner run on an imported document, so the dry run shows its spans.

Run in the importing process (the scanner reads the county's lexicon and
settings), on the text as the draft will hold it: title, then body.
"""

from __future__ import annotations

from scanner.detect import Term, category_label, scan_text

from .extraction import ExtractedDocument, InjectedSpan

MAX_SHOWN = 40  # characters of a flagged passage shown in the report


def screen(doc: ExtractedDocument, lexicon: list[Term]) -> None:
    """Fill doc.injected with the scanner's findings and warn once when there are any."""
    text = f"{doc.title}\n{doc.text}"
    doc.injected = []
    for finding in scan_text(text, None, lexicon):
        marked = " ".join(text[finding.start : finding.end].split())
        if len(marked) > MAX_SHOWN:
            marked = marked[:MAX_SHOWN] + "…"
        label = str(category_label(finding.category))
        doc.injected.append(InjectedSpan(marked, finding.excerpt, label, finding.reason))
    if doc.injected:
        kinds = "、".join(dict.fromkeys(span.label for span in doc.injected))
        doc.warnings.append(
            f"疑似被植入的内容 {len(doc.injected)} 处（{kinds}），请人工核对，切勿直接发布"
        )
