"""The link checker: links found in a page's HTML, internal ones checked in the database,
external ones against a real local HTTP server (slow, huge, looping and hostile answers
included), SSRF refusal, the stored results across runs, the pacing, the command and
the warning on the edit screen."""

import io
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.documents import get_document_model

import pytest
from bs4 import BeautifulSoup

from inspection.models import LinkResult
from inspection.services import external_links
from inspection.services.external_links import HostPacer, check_external
from inspection.services.internal_links import check_internal
from inspection.services.linkcheck import broken, check_external_links, check_site
from inspection.services.links import Outcome, extract
from pages.models import GuideMaterial
from tests.editorial import conftest as editorial_fixtures
from tests.factories import SectionPageFactory, make_guide, publish

towns = editorial_fixtures.towns  # two centers, each with an editor and a director

STOP = threading.Event()
# Loopback, private, link-local (cloud metadata), IPv6 local, IPv4-mapped private,
# "this network", multicast, shared (carrier NAT), reserved, and no address at all.
NOT_PUBLIC = [
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "169.254.169.254",
    "::1",
    "fe80::1",
    "fc00::1",
    "::ffff:10.0.0.1",
    "0.1.2.3",
    "224.0.0.1",
    "100.64.0.1",
    "240.0.0.1",
    "not-an-address",
]


class Handler(BaseHTTPRequestHandler):
    """One path per behaviour the checker must cope with."""

    protocol_version = "HTTP/1.1"
    hits: dict[tuple[str, str], int] = {}
    hosts: list[str] = []
    sent: dict[str, int] = {}

    def log_message(self, *args):
        pass

    def _answer(self, method: str) -> None:
        key = (method, self.path)
        Handler.hits[key] = Handler.hits.get(key, 0) + 1
        Handler.hosts.append(self.headers.get("Host", ""))
        route = getattr(self, "route_" + self.path.strip("/").replace("-", "_"), None)
        if route is None:
            self._reply(404)
        else:
            route(method)

    def do_HEAD(self):
        self._answer("HEAD")

    def do_GET(self):
        self._answer("GET")

    def _reply(self, status: int, location: str = "", body: bytes = b"ok") -> None:
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)

    def route_ok(self, method):
        self._reply(200)

    def route_missing(self, method):
        self._reply(404)

    def route_no_head(self, method):
        self._reply(405 if method == "HEAD" else 200)

    def route_loop(self, method):
        self._reply(302, "/loop")

    def route_redirect(self, method):
        self._reply(301, "/ok")

    def route_to_private(self, method):
        self._reply(302, "http://10.1.2.3/ok")

    def route_hang(self, method):
        STOP.wait(5)
        self._reply(200)

    def _stream(self, method, pause: float, chunk: bytes) -> None:
        """200 after HEAD is refused, then a body that never ends."""
        if method == "HEAD":
            self._reply(405)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.end_headers()
        try:
            while not STOP.is_set():
                self.wfile.write(chunk)
                Handler.sent[self.path] = Handler.sent.get(self.path, 0) + len(chunk)
                if pause:
                    time.sleep(pause)
        except OSError:
            pass  # the checker hung up, as it should
        self.close_connection = True

    def route_huge(self, method):
        self._stream(method, 0, b"x" * 65536)

    def route_drip(self, method):
        self._stream(method, 0.05, b"x")

    def route_drip_headers(self, method):
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        try:
            while not STOP.is_set():
                self.wfile.write(b"X")
                self.wfile.flush()
                time.sleep(0.05)
        except OSError:
            pass
        self.close_connection = True


@pytest.fixture(scope="module")
def server():
    """A real HTTP server on 127.0.0.1 (the web the checker would see), its base URL."""
    STOP.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    STOP.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def refuse_private(settings):
    settings.INSPECTION_ALLOW_PRIVATE_HOSTS = False


def _timed(url: str, **kwargs):
    started = time.monotonic()
    outcome = check_external(url, **kwargs)
    return outcome, time.monotonic() - started


# --- Finding links ---------------------------------------------------------------------


def test_extract_finds_addresses_and_wagtail_references_once_each():
    html = """
        <p><a href="https://gov.example.cn/a/">A</a> <a href=" https://gov.example.cn/a/#top ">A</a>
        <a linktype="page" id="12">page</a> <a linktype="document" id="3">file</a>
        <a href="mailto:office@example.cn">mail</a> <a href="tel:12345">call</a>
        <a href="javascript:void(0)">js</a> <a href="#steps">here</a>
        <a href="/guides/x/?step=2#b">guide</a></p>
        <embed embedtype="image" id="5" format="left" alt=""/>
        <img src="/media/images/a.png" srcset="/media/images/a.png 1x, /media/images/b.png 2x">
        <iframe src="//video.example.cn/embed/1"></iframe>
        <video><source src="/media/v.mp4"></video>
    """
    assert extract(html) == [
        "https://gov.example.cn/a/",
        "page:12",
        "document:3",
        "/guides/x/?step=2",
        "image:5",
        "/media/images/a.png",
        "/media/images/b.png",
        "https://video.example.cn/embed/1",
        "/media/v.mp4",
    ]


def test_extract_of_nothing_is_empty():
    assert extract("") == []
    assert extract("<p>没有链接</p>") == []


# --- External links --------------------------------------------------------------------


def test_200_is_ok_and_404_is_broken(server):
    assert check_external(f"{server}/ok") == Outcome(True, 200)
    missing = check_external(f"{server}/missing")
    assert (missing.ok, missing.status, missing.error) == (False, 404, "返回 404")


def test_refused_head_falls_back_to_get(server):
    Handler.hits.clear()
    outcome = check_external(f"{server}/no-head")
    assert outcome == Outcome(True, 200)
    assert Handler.hits == {("HEAD", "/no-head"): 1, ("GET", "/no-head"): 1}


def test_redirects_are_followed_to_their_target(server):
    Handler.hits.clear()
    assert check_external(f"{server}/redirect") == Outcome(True, 200)
    assert Handler.hits[("HEAD", "/ok")] == 1


def test_a_redirect_loop_is_broken_after_five_hops(server):
    Handler.hits.clear()
    outcome = check_external(f"{server}/loop")
    assert (outcome.ok, outcome.error) == (False, "重定向次数过多")
    assert Handler.hits[("HEAD", "/loop")] == external_links.MAX_REDIRECTS + 1


def test_a_hanging_server_times_out(server):
    outcome, seconds = _timed(f"{server}/hang", timeout=0.5, deadline=3)
    assert (outcome.ok, outcome.error) == (False, "响应超时")
    assert seconds < 2


def test_a_huge_body_is_not_downloaded(server):
    Handler.sent.pop("/huge", None)
    outcome, seconds = _timed(f"{server}/huge", timeout=2, deadline=5)
    assert outcome == Outcome(True, 200)  # the deadline was not what ended it
    assert seconds < 2
    time.sleep(0.2)
    assert Handler.sent["/huge"] < 64 * 1024 * 1024  # only what fits in the socket buffers


def test_a_dripping_body_is_cut_off_at_the_deadline(server):
    outcome, seconds = _timed(f"{server}/drip", timeout=2, deadline=1, max_bytes=100_000)
    assert (outcome.ok, outcome.error) == (False, "响应超时")
    assert seconds < 2  # each byte came within the read timeout: only the deadline stops it


def test_dripping_headers_are_cut_off_at_the_deadline(server):
    outcome, seconds = _timed(f"{server}/drip-headers", timeout=2, deadline=1)
    assert (outcome.ok, outcome.error) == (False, "响应超时")
    assert seconds < 2


def test_errors_become_short_chinese_reasons(server):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    assert check_external(f"http://127.0.0.1:{port}/").error == "无法连接"
    assert check_external("ftp://example.cn/file").error == "不支持的链接协议"
    assert check_external("http:///nohost").error == "链接地址无效"
    assert check_external("http://no-such-host.invalid/").error == "域名无法解析"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/ok",
        "http://localhost:{port}/ok",
        "http://0x7f000001:{port}/ok",
        "http://[::1]:{port}/ok",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://192.168.1.1/",
    ],
)
def test_private_addresses_are_refused(server, refuse_private, url):
    port = server.rsplit(":", 1)[1]
    outcome, seconds = _timed(url.format(port=port), timeout=2, deadline=4)
    assert (outcome.ok, outcome.error) == (False, "不检查内网地址")
    assert seconds < 1  # refused before connecting, not timed out


def test_a_redirect_to_a_private_address_is_refused(server, refuse_private, monkeypatch):
    real = external_links.is_refused
    monkeypatch.setattr(external_links, "is_refused", lambda a: a != "127.0.0.1" and real(a))
    assert check_external(f"{server}/ok").ok  # the test server itself is let through
    outcome, seconds = _timed(f"{server}/to-private", timeout=2, deadline=4)
    assert (outcome.ok, outcome.error) == (False, "不检查内网地址")
    assert seconds < 1


def test_is_refused_knows_public_from_private():
    assert not external_links.is_refused("93.184.215.14")
    assert not external_links.is_refused("2606:2800:21f:cb07:6820:80da:af6b:8b2c")
    for address in NOT_PUBLIC:
        assert external_links.is_refused(address), address


def test_the_vetted_address_is_the_one_connected_to(server, monkeypatch):
    """The name is resolved once; the request goes to that address with the name as Host."""
    port = int(server.rsplit(":", 1)[1])
    lookups = []

    def resolve(host, *args, **kwargs):
        lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(external_links.socket, "getaddrinfo", resolve)
    Handler.hosts.clear()
    assert check_external(f"http://portal.example.cn:{port}/ok").ok
    assert [host for host in lookups if host != "127.0.0.1"] == ["portal.example.cn"]
    assert Handler.hosts == [f"portal.example.cn:{port}"]


# --- Pacing ----------------------------------------------------------------------------


def test_host_pacer_waits_between_requests_to_one_host():
    now = [100.0]
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    pacer = HostPacer(1.0, clock=lambda: now[0], sleep=sleep)
    pacer.wait("a.example.cn")
    pacer.wait("b.example.cn")
    assert slept == []  # first visits, and another host
    now[0] += 0.25
    pacer.wait("A.example.cn")
    assert slept == [pytest.approx(0.75)]
    now[0] += 5
    pacer.wait("a.example.cn")
    assert slept == [pytest.approx(0.75)]


# --- Internal links and the stored results ---------------------------------------------


def _document(name: str, content: bytes = b"%PDF-1.4 test"):
    return get_document_model().objects.create(title=name, file=ContentFile(content, name))


@pytest.fixture
def linking_page(towns, server):
    """A published page whose rich text links to what each test needs."""
    a = towns[0]
    target = a.guides
    draft = SectionPageFactory(parent=a.center, title="草稿栏目", live=False)
    present = _document("present.txt")
    lost = _document("lost.txt")
    default_storage.delete(lost.file.name)
    html = (
        f'<p><a linktype="page" id="{target.pk}">办事指南</a>'
        f'<a linktype="page" id="{draft.pk}">草稿</a>'
        '<a linktype="page" id="999999">已删除</a>'
        f'<a linktype="document" id="{present.pk}">附件</a>'
        f'<a linktype="document" id="{lost.pk}">丢失的附件</a>'
        f'<a href="{target.url}">办事指南</a>'
        '<a href="/no-such-page/">不存在</a>'
        f'<a href="{server}/ok">外部</a><a href="{server}/missing">外部失效</a>'
        '<a href="mailto:office@example.cn">邮件</a></p>'
    )
    page = publish(SectionPageFactory(parent=a.center, title="链接测试", intro=html))
    return {"page": page, "target": target, "draft": draft, "present": present, "lost": lost}


def _rows(page) -> dict[str, LinkResult]:
    return {row.url: row for row in LinkResult.objects.filter(page_id=page.pk)}


def test_check_internal_reads_the_database(linking_page):
    draft, present, lost = linking_page["draft"], linking_page["present"], linking_page["lost"]
    assert check_internal(f"page:{linking_page['target'].pk}").ok
    assert check_internal(f"page:{draft.pk}").error == "页面不存在或未发布"
    assert check_internal("page:999999").error == "页面不存在或未发布"
    assert check_internal(f"document:{present.pk}").ok
    assert check_internal(f"document:{lost.pk}").error == "附件文件缺失"
    assert check_internal("document:999999").error == "附件不存在"
    assert check_internal("image:999999").error == "图片不存在"
    assert check_internal(linking_page["target"].url).ok
    assert check_internal(linking_page["target"].url.rstrip("/")).ok  # APPEND_SLASH
    assert check_internal("/no-such-page/").error == "页面不存在或未发布"
    assert check_internal(f"/documents/{present.pk}/present.txt").ok
    assert not check_internal(f"/documents/{lost.pk}/lost.txt").ok
    assert check_internal(f"/media/{present.file.name}").error == "附件须通过文档链接访问"


def test_check_site_stores_each_link_with_internal_ones_checked(linking_page, server):
    page, target = linking_page["page"], linking_page["target"]
    counts = check_site()
    rows = _rows(page)

    assert set(rows) == {
        f"page:{target.pk}",
        f"page:{linking_page['draft'].pk}",
        "page:999999",
        f"document:{linking_page['present'].pk}",
        f"document:{linking_page['lost'].pk}",
        target.url,
        "/no-such-page/",
        f"{server}/ok",
        f"{server}/missing",
    }
    broken_urls = {url for url, row in rows.items() if row.ok is False}
    assert broken_urls == {
        f"page:{linking_page['draft'].pk}",
        "page:999999",
        f"document:{linking_page['lost'].pk}",
        "/no-such-page/",
    }
    assert rows[f"document:{linking_page['lost'].pk}"].error == "附件文件缺失"
    assert all(row.first_seen and row.checked_at for row in rows.values() if not row.external)
    assert all(row.broken_since for url, row in rows.items() if url in broken_urls)
    assert rows[target.url].ok and rows[target.url].broken_since is None
    external = [rows[f"{server}/ok"], rows[f"{server}/missing"]]
    assert [(r.external, r.ok, r.checked_at) for r in external] == [(True, None, None)] * 2
    assert counts["pages"] >= 1 and counts["broken_internal"] >= 4


def test_a_second_run_keeps_first_seen_and_forgets_removed_links(linking_page, server):
    page, draft = linking_page["page"], linking_page["draft"]
    check_site()
    before = _rows(page)

    page.intro = f'<a linktype="page" id="{draft.pk}">草稿</a><a href="/new-link/">新</a>'
    publish(page)
    publish(draft)  # the broken link now works
    check_site()
    after = _rows(page)

    assert set(after) == {f"page:{draft.pk}", "/new-link/"}
    assert after[f"page:{draft.pk}"].first_seen == before[f"page:{draft.pk}"].first_seen
    assert after[f"page:{draft.pk}"].ok is True
    assert after[f"page:{draft.pk}"].broken_since is None
    assert after["/new-link/"].first_seen > before[f"page:{draft.pk}"].first_seen


def test_broken_since_stays_while_a_link_stays_broken(linking_page):
    check_site()
    first = _rows(linking_page["page"])["/no-such-page/"]
    check_site()
    again = _rows(linking_page["page"])["/no-such-page/"]
    assert again.broken_since == first.broken_since
    assert again.checked_at > first.checked_at


def test_rows_of_a_page_no_longer_live_are_deleted(linking_page):
    page = linking_page["page"]
    check_site()
    assert _rows(page)
    page.unpublish()
    check_site()
    assert _rows(page) == {}


def test_external_links_are_checked_once_per_url(towns, linking_page, server):
    other = publish(
        SectionPageFactory(
            parent=towns[0].center, title="同一链接", intro=f'<a href="{server}/ok">外部</a>'
        )
    )
    check_site()
    Handler.hits.clear()
    counts = check_external_links(interval=0, timeout=2)

    assert counts == {"urls": 2, "ok": 1, "broken": 1}
    assert Handler.hits == {("HEAD", "/ok"): 1, ("HEAD", "/missing"): 1}
    shared = LinkResult.objects.filter(url=f"{server}/ok")
    assert {row.page_id for row in shared} == {linking_page["page"].pk, other.pk}
    assert all(row.ok and row.status == 200 and row.checked_at for row in shared)
    missing = LinkResult.objects.get(url=f"{server}/missing")
    assert (missing.ok, missing.status, missing.error) == (False, 404, "返回 404")
    assert missing.broken_since is not None


def test_a_new_page_linking_a_known_url_gets_its_result(towns, linking_page, server):
    check_site()
    check_external_links(interval=0, timeout=2)
    late = publish(
        SectionPageFactory(
            parent=towns[0].center, title="后来的页面", intro=f'<a href="{server}/missing">x</a>'
        )
    )
    check_site()
    row = LinkResult.objects.get(page_id=late.pk)
    assert (row.ok, row.error) == (False, "返回 404")


def test_limit_checks_the_longest_unchecked_first(linking_page, server):
    check_site()
    assert check_external_links(interval=0, timeout=2, limit=1)["urls"] == 1
    checked = LinkResult.objects.filter(external=True, checked_at__isnull=False)
    first = checked.get().url
    check_external_links(interval=0, timeout=2, limit=1)
    second = LinkResult.objects.filter(external=True).order_by("-checked_at").first().url
    assert second != first


def test_broken_lists_a_units_broken_links(towns, linking_page):
    check_site()
    a, b = towns
    in_a = list(broken(a.center).values_list("url", flat=True))
    assert "/no-such-page/" in in_a
    assert not broken(b.center).filter(page_id=linking_page["page"].pk).exists()
    assert all(row.ok is False for row in broken())


def test_the_command_prints_a_chinese_summary(linking_page):
    out, err = io.StringIO(), io.StringIO()
    options = ["--external", "--interval", "0", "--timeout", "2"]
    call_command("check_links", *options, stdout=out, stderr=err)
    text = out.getvalue()
    assert "个页面的" in text and "站内失效" in text
    assert "已检查站外链接地址 2 个：可访问 1 个，失效 1 个" in text
    assert "失效链接合计：站内" in text
    assert "页面" in err.getvalue() and "站外链接 2/2" in err.getvalue()


# --- The edit screen -------------------------------------------------------------------


def test_the_edit_screen_warns_about_broken_links(towns, linking_page):
    page = linking_page["page"]
    page.intro += '<a href="/bad/&lt;b&gt;x&lt;/b&gt;/">坏</a>'
    publish(page)
    check_site()
    count = LinkResult.objects.filter(page_id=page.pk, ok=False).count()

    response = towns[0].client("editor").get(f"/admin/pages/{page.pk}/edit/")

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    item = next(li for li in soup.select(".messages li") if "失效链接" in li.get_text())
    warning = item.get_text(" ", strip=True)
    assert f"本页有 {count} 个失效链接：" in warning
    assert "（页面不存在或未发布）" in warning and warning.count("（") == 5
    assert "/bad/<b>x</b>/" in warning  # the hostile URL is shown as text …
    assert item.find("b") is None  # … not as markup


def test_no_warning_without_broken_links(towns):
    page = towns[0].guides
    check_site()
    response = towns[0].client("editor").get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert "失效链接" not in response.content.decode()


def test_check_site_reads_pages_in_bulk(towns):
    """Queries do not grow with the number of pages (50,000 pages must be feasible)."""
    guides = [make_guide(towns[0].guides, slug=f"links-guide-{n}") for n in range(6)]

    def queries(pages) -> int:
        with CaptureQueriesContext(connection) as captured:
            check_site(pages)
        return len(captured)

    few, many = queries(guides[:2]), queries(guides)
    assert many - few < 6, (few, many)


def test_a_guides_form_chosen_as_an_attachment_is_checked_too(towns):
    guide = make_guide(towns[0].guides)
    kept, lost = _document("blank.pdf"), _document("sample.pdf")
    default_storage.delete(lost.file.name)
    GuideMaterial.objects.create(guide=guide, name="申请表", blank_form=kept, sample_form=lost)
    check_site([guide])
    rows = _rows(guide)
    assert rows[f"document:{kept.pk}"].ok is True
    assert rows[f"document:{lost.pk}"].ok is False
    assert rows[f"document:{lost.pk}"].error == "附件文件缺失"
