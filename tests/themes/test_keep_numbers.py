"""The `keep_numbers` filter: a line never breaks inside a time range, a phone or "12 号"."""

import datetime as dt

from django.template import Context, Template
from django.utils.safestring import mark_safe

import pytest

from themes.templatetags.portal_tags import keep_numbers


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("周一至周五 8:30—12:00，14:00 - 17:30", ["8:30—12:00", "14:00 - 17:30"]),
        ("青石县云溪镇复兴街 18 号（镇政府大院一楼）", ["18 号"]),
        ("咨询电话 0859-6621001", ["0859-6621001"]),
        ("综合楼3楼2室", ["3楼", "2室"]),
        ("上午 9：00～12：00", ["9：00～12：00"]),
    ],
)
def test_each_number_run_is_one_unbreakable_span(text, kept):
    html = keep_numbers(text)
    assert [part.split("</span>")[0] for part in html.split('<span class="nowrap">')[1:]] == kept
    assert html.replace('<span class="nowrap">', "").replace("</span>", "") == text


def test_text_is_escaped_and_safe_text_is_not_escaped_twice():
    assert keep_numbers("<b>5</b> 号") == '&lt;b&gt;<span class="nowrap">5</span>&lt;/b&gt; 号'
    assert keep_numbers(mark_safe("A&amp;B 12号")) == 'A&amp;B <span class="nowrap">12号</span>'
    assert keep_numbers(None) == ""


def test_filter_renders_in_a_template():
    rendered = Template("{% load portal_tags %}{{ address|keep_numbers }}").render(
        Context({"address": "复兴街 18 号"})
    )
    assert rendered == '复兴街 <span class="nowrap">18 号</span>'


def test_a_date_is_one_unbreakable_time_element():
    rendered = Template("{% load portal_tags %}{{ when|day }}|{{ none|day|default:'—' }}").render(
        Context({"when": dt.date(2026, 12, 1), "none": None})
    )
    assert rendered == '<time class="nowrap" datetime="2026-12-01">2026年12月1日</time>|—'
