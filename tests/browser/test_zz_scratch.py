import pytest
pytestmark = pytest.mark.browser

def test_dump(demo_county, page, live_server):
    r = page.goto("/")
    print("HOME", r.status, page.title())
    page.goto("/admin/login/")
    open("/tmp/login.html","w").write(page.content())
    page.fill("input[name=username]", demo_county.username)
    page.fill("input[name=password]", demo_county.password)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(f"/admin/pages/{demo_county.yunxi.pk}/edit/")
    open("/tmp/edit.html","w").write(page.content())
    page.on("request", lambda req: print("REQ", req.method, req.url))
    r = page.goto("/yunxi/guides/")
    print("GUIDES", r.status)

def test_second(demo_county, page):
    r = page.goto("/")
    print("HOME2", r.status, page.title())

def test_third(demo_county, page):
    r = page.goto("/")
    print("HOME3", r.status, page.title())
