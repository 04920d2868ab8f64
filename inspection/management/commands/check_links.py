"""Run from a timer (nightly, say): record every live page's links and check the internal
ones; with --external also the external ones, politely paced, the longest unchecked first,
so that --limit spreads a large site over several nights."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from inspection.models import LinkResult
from inspection.services.linkcheck import check_external_links, check_site


class _Progress:
    """Progress on stderr: one line rewritten in a terminal, a line per tenth in a log."""

    def __init__(self, command: BaseCommand, label: str) -> None:
        self.command, self.label = command, label
        self.tty = sys.stderr.isatty()
        self.shown_tenth = -1
        self.started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        seconds = time.monotonic() - self.started
        line = f"{self.label} {done}/{total}（{seconds:.0f} 秒）"
        if self.tty:
            ending = "\n" if done >= total else ""
            self.command.stderr.write("\r" + line, style_func=lambda s: s, ending=ending)
            return
        tenth = done * 10 // total if total else 10
        if tenth != self.shown_tenth:
            self.shown_tenth = tenth
            self.command.stderr.write(line, style_func=lambda s: s)


class Command(BaseCommand):
    help = "链接检查：记录所有已发布页面的链接并检查站内链接；加 --external 时再检查站外链接"

    def add_arguments(self, parser):
        parser.add_argument(
            "--external", action="store_true", help="同时检查站外链接（每个地址只请求一次）"
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="对同一网站两次请求之间至少间隔的秒数（默认 1）",
        )
        parser.add_argument(
            "--timeout", type=float, default=10.0, help="连接和读取的超时秒数（默认 10）"
        )
        parser.add_argument(
            "--limit", type=int, help="本次最多检查的站外链接地址数（最久未检查的优先）"
        )

    def handle(self, *args, external, interval, timeout, limit=None, **options):
        if interval < 0:
            raise CommandError("--interval 不能为负数")
        if timeout <= 0:
            raise CommandError("--timeout 必须大于 0")
        if limit is not None and limit < 1:
            raise CommandError("--limit 至少为 1")

        site = check_site(progress=_Progress(self, "页面"))
        self.stdout.write(
            f"已检查 {site['pages']} 个页面的 {site['links']} 个链接"
            f"（站内 {site['internal']} 个，站外 {site['external']} 个），"
            f"站内失效 {site['broken_internal']} 个"
        )
        if external:
            outside = check_external_links(
                interval=interval,
                timeout=timeout,
                limit=limit,
                progress=_Progress(self, "站外链接"),
            )
            self.stdout.write(
                f"已检查站外链接地址 {outside['urls']} 个：可访问 {outside['ok']} 个，"
                f"失效 {outside['broken']} 个"
            )

        rows = LinkResult.objects.filter(page__live=True)
        broken_internal = rows.filter(external=False, ok=False).count()
        broken_external = rows.filter(external=True, ok=False).count()
        unchecked = rows.filter(external=True, ok__isnull=True).count()
        self.stdout.write(
            f"失效链接合计：站内 {broken_internal} 处，站外 {broken_external} 处"
            + (f"；站外尚未检查 {unchecked} 处" if unchecked else "")
        )
