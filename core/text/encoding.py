"""The one policy for reading an uploaded text file's bytes (CSV, TXT).

Offices save text as UTF-8 (with or without the BOM Excel and Notepad write),
as GBK/GB18030 (Excel's "CSV" and Notepad's "ANSI" on a Chinese Windows), or
with a UTF-16 BOM (Excel's "Unicode text"). Anything else — Big5 from a
Traditional-Chinese tool, Shift-JIS — is refused with a message saying how to
re-save it, never imported as mojibake. In order:

1. a UTF-16 BOM: UTF-16;
2. NUL bytes near the start: not text at all (a renamed binary file);
3. valid UTF-8 (BOM or not): UTF-8;
4. valid GB18030 that reads as Simplified Chinese: GB18030 (a superset of GBK);
5. otherwise charset-normalizer's best guess: GB18030 if it is of the GB
   family and the bytes decode so (Traditional characters written in GBK),
   else a Chinese error naming the guess.

Step 4 is the confidence floor: almost any byte string decodes as GB18030
(Big5 comes out as rare characters), so it must also look like the text a
county office writes.
"""

from __future__ import annotations

import codecs

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

import charset_normalizer

GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "hz", "cp936"})
BIG5_FAMILY = frozenset({"big5", "big5hkscs", "cp950"})
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
SNIFF_BYTES = 8192  # where NUL bytes mean a binary file
_PLAUSIBLE_SAMPLE = 20000  # characters looked at for "reads as Simplified Chinese"
_COMMON_SHARE = 0.9  # of its Han characters in GB2312 (the 6,763 common ones)


class EncodingProblem(ValueError):
    """Bytes the policy will not read as text; `message` is for the user, in Chinese,
    `encoding` charset-normalizer's guess ('' when it had none)."""

    def __init__(self, message, encoding: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.encoding = encoding


class NotText(EncodingProblem):
    """NUL bytes: a binary file (often one with a changed extension)."""


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, codec) for a whole file's bytes, by the policy above; EncodingProblem if refused.

    A UTF-16 file's BOM declares it, so a broken character there is replaced
    rather than refusing the file; every other codec is strict.
    """
    encoding, text = _sniff(data)
    if text is None:
        text = data.decode(encoding, errors="replace" if encoding == "utf-16" else "strict")
    return text, encoding


def detect_encoding(data: bytes) -> str:
    """The codec for a file that starts with `data` (for streamed reading): 'utf-16',
    'utf-8-sig', 'utf-8' or 'gb18030'; EncodingProblem if refused.

    A sample cut from a longer file must end on a whole character (at a line end).
    """
    return _sniff(data)[0]


def _sniff(data: bytes) -> tuple[str, str | None]:
    """The codec, and the text when deciding already decoded it."""
    if data.startswith(UTF16_BOMS):
        return "utf-16", None
    if b"\x00" in data[:SNIFF_BYTES]:
        raise NotText(_("文件不是文本文件（可能是改了扩展名的二进制文件）"))
    try:
        return ("utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"), data.decode(
            "utf-8-sig"
        )
    except UnicodeDecodeError:
        pass
    try:
        text: str | None = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and plausibly_simplified(text):
        return "gb18030", text
    best = charset_normalizer.from_bytes(data).best()
    guess = best.encoding if best else ""
    if text is not None and guess in GB_FAMILY:
        return "gb18030", text  # e.g. Traditional characters written in GBK
    raise EncodingProblem(unsupported_encoding(guess), guess)


def plausibly_simplified(text: str) -> bool:
    """Real GBK/GB18030 text is nearly all GB2312 characters; Big5 read as GBK is not."""
    hanzi = [ch for ch in text[:_PLAUSIBLE_SAMPLE] if "\u4e00" <= ch <= "\u9fff"]
    if not hanzi:
        return True
    common = 0
    for ch in hanzi:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common >= _COMMON_SHARE * len(hanzi)


def unsupported_encoding(encoding: str):
    """The message for a text file that is neither UTF-8 nor GBK/GB18030."""
    if encoding in BIG5_FAMILY:
        return _(
            "文件是繁体中文 Big5 编码，暂不支持。请用记事本或 WPS 打开，"
            "“另存为”时选择 UTF-8 编码后再导入"
        )
    if encoding:
        return format_lazy(
            _(
                "文件的文字编码（{}）不受支持，只能导入 UTF-8 或 GBK/GB18030 编码的文件。"
                "请“另存为” UTF-8 编码后再导入"
            ),
            encoding,
        )
    return _("无法识别文件的文字编码（不是 UTF-8、GBK 或 GB18030），请“另存为” UTF-8 编码后再导入")
