"""The one encoding policy for uploaded text files (core.text.encoding)."""

import codecs

import pytest

from core.text.encoding import (
    EncodingProblem,
    NotText,
    decode_text,
    detect_encoding,
    plausibly_simplified,
)

TEXT = "青石县云溪镇便民服务中心关于办理居民身份证的通知\n各村（社区）：请做好准备。\n" * 5


@pytest.mark.parametrize(
    ("data", "codec"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),  # with its BOM
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    ],
)
def test_what_offices_save_is_read(data, codec):
    assert decode_text(data) == (TEXT, codec)
    assert detect_encoding(data) == codec


@pytest.mark.parametrize("data", [b"", b"plain ascii, 123"])
def test_ascii_is_utf8(data):
    assert decode_text(data) == (data.decode(), "utf-8")


def test_gb18030_beyond_gbk_is_read():
    text = "㐀䶵 仝 ɑ €"  # CJK extension A and symbols GBK lacks
    assert decode_text(text.encode("gb18030")) == (text, "gb18030")


def test_traditional_characters_written_in_gbk_are_read():
    text = "青石縣人民政府關於進一步加強鄉鎮便民服務中心建設的通知。各鄉鎮人民政府：" * 3
    assert not plausibly_simplified(text)
    assert decode_text(text.encode("gbk")) == (text, "gb18030")


def test_big5_is_refused_with_a_chinese_message():
    data = ("事項編碼,事項名稱\nQS-001,居民身份證申領\n" * 20).encode("big5")
    with pytest.raises(EncodingProblem) as caught:
        decode_text(data)
    assert caught.value.encoding == "big5"
    assert "Big5" in str(caught.value.message) and "UTF-8" in str(caught.value.message)


def test_shift_jis_is_refused_naming_the_guess():
    data = ("これは日本語のテキストです。ファイルの文字コードを確認してください。\n" * 10).encode(
        "shift_jis"
    )
    with pytest.raises(EncodingProblem) as caught:
        decode_text(data)
    assert caught.value.encoding not in ("", "gb18030", "gbk")
    assert "不受支持" in str(caught.value.message) or "无法识别" in str(caught.value.message)


def test_binary_is_not_text():
    with pytest.raises(NotText) as caught:
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "不是文本文件" in str(caught.value.message)


def test_a_utf16_file_with_a_broken_character_is_still_read():
    data = TEXT.encode("utf-16-le")[:-1]  # half a code unit at the end
    text, codec = decode_text(codecs.BOM_UTF16_LE + data)
    assert codec == "utf-16" and text.startswith("青石县") and text.endswith("\ufffd")
