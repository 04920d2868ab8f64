"""Titles that take more than a line to find: the cover notice (印发通知) and a best guess.

A rule, plan or measure is usually published under a cover notice ("关于印发《…》的
通知", "现将《…》印发给你们"): the document is the text the notice introduces, so
that is its title. When nothing is certain, the likeliest line is taken and the
draft is marked 标题待确认 for the editor, rather than refusing the file.
"""

from __future__ import annotations

import re

UNCONFIRMED = "标题待确认"
# The prefix an unconfirmed draft's title carries until an editor changes it.
UNCONFIRMED_PREFIX = f"【{UNCONFIRMED}】"
_ISSUE = r"(?:印发|转发|颁布|发布|下发|公布|修订)"
_NAME = r"《\s*(?P<title>[^《》\n]{2,80}?)\s*》"
COVER_TITLE = re.compile(
    rf"关于\s*{_ISSUE}\s*(?:修订后的|新修订的)?\s*{_NAME}.{{0,12}}(?:通知|决定|通告|公告)"
)
COVER_SENTENCE = re.compile(rf"(?:现将|特将|将){_NAME}.{{0,30}}?{_ISSUE}给?你们")
COVER_SENTENCE_AFTER = re.compile(rf"{_NAME}.{{0,40}}?现(?:予以)?{_ISSUE}给?你们")
GUESS_LENGTH = 40
HAN = re.compile(r"[\u4e00-\u9fff]")
SENTENCE_END = re.compile(r"[。；！？!?;]")


def introduced_title(text: str) -> str:
    """The title a cover notice's title or sentence introduces; "" when it is none."""
    for pattern in (COVER_TITLE, COVER_SENTENCE, COVER_SENTENCE_AFTER):
        found = pattern.search(text)
        if found:
            return " ".join(found["title"].split())
    return ""


def same_title(line: str, title: str) -> bool:
    """A line that is the introduced title, spaces and a trailing （试行） aside."""
    squeeze = re.compile(r"\s")
    return squeeze.sub("", line).strip("《》") == squeeze.sub("", title)


def guess_title(lines: list[str]) -> tuple[int, str]:
    """The likeliest title among the first lines: a short line without sentence
    punctuation, else the first sentence, cut short; (index, title), (-1, "") if none."""
    for index, line in enumerate(lines[:15]):
        short = 2 <= len(line) <= GUESS_LENGTH and not SENTENCE_END.search(line)
        if short and HAN.search(line):
            return index, line
    for line in lines:
        sentence = SENTENCE_END.split(line, maxsplit=1)[0].strip(" ，,：:")
        if HAN.search(sentence):
            short = sentence[:GUESS_LENGTH] + ("…" if len(sentence) > GUESS_LENGTH else "")
            return -1, short  # a sentence of the body: it stays in the body
    return -1, ""
