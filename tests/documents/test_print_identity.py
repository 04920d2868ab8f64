"""One visual identity for web and print: switching it changes both, and
invalidates the print cache."""

from printing import products
from printing.cache import content_key
from printing.render import render_pdf
from tests.documents.pdfcheck import read_pdf
from tests.factories import make_window


def test_identity_colours_and_logo_reach_the_web_and_print(tree, client, settings):
    window = make_window(tree["center"])
    plate = products.window_plate(window, tree["center"].official_name)
    qingshi_html = plate.html()
    assert "--print-blue: #0b4f9c" in qingshi_html
    assert "emblem.svg" in client.get(tree["home"].url).content.decode()

    settings.PORTAL_IDENTITY = "lotus"
    lotus_html = plate.html()
    assert "--print-blue: #0a6b4f" in lotus_html
    assert content_key(lotus_html) != content_key(qingshi_html)  # a new identity reprints
    page = client.get(tree["home"].url).content.decode()
    assert "lotus.svg" in page and "--brand: #0a6b4f" in page


def test_the_logo_is_read_through_the_print_fetcher(tree):
    from printing.boards import rule_board
    from printing.models import HallRule

    rule = HallRule.objects.create(title="首问负责制", body="首位接待人员负责到底。")
    board = rule_board(rule, tree["center"], "青石县政务服务")
    result = render_pdf(board.html())
    assert not result.refused
    assert "首问负责制" in read_pdf(result.pdf).text.replace("\n", "")
