"""`manage.py import_documents PATH…`: old policy documents (.docx/.txt/.html/.pdf) as drafts.

Each file is imported on its own (a bad file creates nothing, the rest go on) and
read in a child process under a time and memory limit; its result line is
printed as soon as it is done. --dry-run shows what would be extracted.
Exit code 1 when any file failed.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from documents.importing import ImportProblem
from documents.importing.importer import FileOutcome, ImportReport, find_section, import_paths
from documents.importing.titles import UNCONFIRMED

BODY_PREVIEW_LINES = 3


class Command(BaseCommand):
    help = "把旧的政策文件（docx、txt、html、pdf）导入为政策文件草稿。"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or folders (searched recursively)")
        parser.add_argument(
            "--section",
            help="SectionPage id, or a center slug whose 政策文件 section is used "
            "(default: the county's documents section, else the first center's)",
        )
        parser.add_argument("--dry-run", action="store_true", help="extract and report only")
        parser.add_argument("--user", help="username recorded on the draft revisions")

    def handle(self, *args, **options):
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user named {options['user']!r}.")
        try:
            section = find_section(options["section"])
        except ImportProblem as exc:
            raise CommandError(exc.message) from exc
        mode = " (dry run: nothing written)" if options["dry_run"] else ""
        self.stdout.write(f"Importing into section “{section.title}”{mode}")
        self.stdout.flush()

        def finished(outcome: FileOutcome, done: int, total: int) -> None:
            self.stdout.write(f"[{done}/{total}] " + self.describe(outcome))
            if options["dry_run"] and outcome.document and outcome.status == "dry-run":
                self.print_details(outcome)
            self.stdout.flush()  # a slow file must not hide the ones before it

        report = import_paths(
            options["paths"], section, dry_run=options["dry_run"], user=user, on_outcome=finished
        )
        self.print_summary(report)
        if report.failed:
            raise CommandError(f"{len(report.failed)} file(s) failed.", returncode=1)

    def print_summary(self, report: ImportReport) -> None:
        write = self.stdout.write
        for line in report.new_organisations:
            write(self.style.WARNING(line))
        counts = {s: len(report.with_status(s)) for s in ("created", "dry-run", "duplicate")}
        summary = (
            f"{len(report.outcomes)} files: {counts['created']} created as drafts, "
            f"{counts['dry-run']} would be created, {counts['duplicate']} duplicates, "
            f"{len(report.failed)} failed."
        )
        write(self.style.ERROR(summary) if report.failed else self.style.SUCCESS(summary))

    def describe(self, outcome: FileOutcome) -> str:
        """One line per file: status, file, title, and the problems or warnings."""
        label = f"[{outcome.status}] {outcome.path}"
        if outcome.title:
            label += f" — 《{outcome.title}》"
        if outcome.page_id:
            label += f" (page {outcome.page_id})"
        notes = outcome.problems or (outcome.document.warnings if outcome.document else [])
        if notes:
            label += " — " + "；".join(notes)
        if outcome.status == "failed":
            return self.style.ERROR(label)
        return self.style.WARNING(label) if notes else label

    def print_details(self, outcome: FileOutcome) -> None:
        doc = outcome.document
        dates = f"成文 {doc.written_date or '—'}，发布 {doc.publish_date or '—'}"
        title = doc.title if doc.title_confirmed else f"{doc.title}（{UNCONFIRMED}）"
        rows = [
            ("标题", title),
            ("印发通知", doc.cover_title),
            ("文号", doc.document_number),
            ("机构", "、".join(doc.organisations)),
            ("日期", dates),
            ("索引号", doc.index_number),
            ("主题词", doc.keywords),
            ("公开方式", "依申请公开" if doc.disclosure_mode == "on-request" else "主动公开"),
            ("主送", doc.addressees),
            ("附件", "；".join(doc.attachments)),
        ]
        for label, value in rows:
            self.stdout.write(f"    {label}：{value or '—'}")
        for note in doc.noise:
            self.stdout.write(f"    已清理：{note}")
        for number, span in enumerate(doc.injected, start=1):
            self.stdout.write(
                self.style.ERROR(f"    植入内容 {number}：“{span.text}”（{span.label}）")
                + f" {span.excerpt} — {span.reason}"
            )
        for line in doc.text.splitlines()[:BODY_PREVIEW_LINES]:
            self.stdout.write(f"    | {line[:80]}")
