"""The print engine: a fetcher that reads only our own files, limits, the
glyph check, escaping and the content-version cache."""

import pytest

from printing import products
from printing.cache import cached_pdf
from printing.fetcher import PRINT_BASE_URL, RefusedURL, resolve
from printing.render import MissingGlyphs, PrintError, render_pdf
from tests.documents.pdfcheck import read_pdf
from tests.factories import make_window

BASE = PRINT_BASE_URL.rstrip("/")


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/logo.png",
        "https://intranet.example/static/css/print.css",
        f"{BASE}/static/../../../../etc/passwd",
        f"{BASE}/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        f"{BASE}/media/../portal/settings/base.py",
        f"{BASE}/static/css/no-such-file.css",
        f"{BASE}/etc/passwd",
    ],
)
def test_fetcher_refuses_anything_but_our_own_files(url):
    with pytest.raises(RefusedURL):
        resolve(url)


def test_fetcher_serves_our_stylesheet():
    assert resolve(f"{BASE}/static/css/print.css").name == "print.css"


def page(body: str) -> str:
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<link rel="stylesheet" href="/static/css/print.css">'
        "<style>@page { size: 100mm 50mm; margin: 5mm }</style></head>"
        f"<body>{body}</body></html>"
    )


def test_hostile_references_are_refused_during_a_render():
    html = page(
        '<p>公示</p><img src="file:///etc/passwd" alt="">'
        '<img src="http://127.0.0.1:9/x.png" alt="">'
        '<div style="background: url(/static/../../etc/passwd)">x</div>'
    )
    result = render_pdf(html)

    assert "file:///etc/passwd" in result.refused
    assert "root:" not in read_pdf(result.pdf).text
    assert "公示" in read_pdf(result.pdf).text


def test_hostile_text_is_printed_as_text(tree):
    window = make_window(tree["center"], name='<img src="file:///etc/passwd">窗口&')
    product = products.window_plate(window, tree["center"].official_name)

    result = render_pdf(product.html())

    assert not result.refused  # the name never became an element
    assert '<img src="file:///etc/passwd">窗口&' in read_pdf(result.pdf).text.replace("\n", "")


def test_a_character_the_fonts_lack_is_reported_not_printed():
    with pytest.raises(MissingGlyphs) as caught:
        render_pdf(page("申请人：张\ue000明"))
    assert caught.value.characters == "\ue000"
    assert "打印字体中没有以下字符" in caught.value.message


def test_a_render_that_overruns_is_stopped():
    with pytest.raises(PrintError, match="秒仍未完成"):
        render_pdf(page("<p>事项</p>" * 3000), timeout=0.05)


def test_a_render_over_its_memory_budget_is_stopped():
    import base64
    import io

    from PIL import Image

    buffer = io.BytesIO()
    # With an alpha channel WeasyPrint must decode it (~64 MB) to split off the
    # soft mask; an opaque PNG would be copied into the PDF without decoding.
    Image.new("RGBA", (4000, 4000), (255, 255, 255, 128)).save(buffer, format="PNG")
    image = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    html = page(f'<img src="{image}" alt="" style="width: 80mm">' + "<p>事项</p>" * 500)

    assert render_pdf(html).pdf.startswith(b"%PDF")  # fine with the normal budget
    with pytest.raises(PrintError):
        render_pdf(html, memory_mb=8)


def test_unchanged_content_comes_from_the_cache_and_an_edit_invalidates_it():
    renders = []

    def counting(html):
        renders.append(html)
        return render_pdf(html)

    first, cached = cached_pdf(page("<p>民政救助窗口</p>"), render=counting)
    assert not cached
    again, cached = cached_pdf(page("<p>民政救助窗口</p>"), render=counting)
    assert cached and again == first
    _, cached = cached_pdf(page("<p>社会事务窗口</p>"), render=counting)
    assert not cached
    assert len(renders) == 2


def test_a_new_center_with_no_staff_yet_prints_its_whole_pack(tree):
    from printing.pack import render_products

    files = render_products(products.center_pack(tree["center"]))

    keys = {f.product.key for f in files}
    assert {"signboard-vertical", "signboard-horizontal", "form-ledger"} <= keys
    for file in files:
        facts = read_pdf(file.pdf)
        assert facts.pages >= 1, file.product.key
