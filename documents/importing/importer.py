"""Importing files as draft PolicyDocumentPages: one transaction per file, a report line each.

Imported text is never published directly: scraped pages carry mojibake and
sometimes injected spam, so every page is a draft an editor must review.
A bad file creates nothing and the batch goes on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.limits import ChildFailed, LimitExceeded, Limits, Sandbox
from core.sections import SectionKind
from documents.models import IssuingOrganisation, PolicyAttachment, PolicyDocumentPage
from pages.models import CountyHomePage, SectionPage, ServiceCenterPage
from scanner.service import load_lexicon

from .extraction import ExtractedDocument, extract_file
from .reading import SUPPORTED_SUFFIXES, ImportProblem, ReadLimits
from .screening import screen
from .titles import UNCONFIRMED_PREFIX

Progress = Callable[[int, int], None]
# A file's outcome as soon as it is known, with how many files are done of how many.
OutcomeListener = Callable[["FileOutcome", int, int], None]
# What the child reading a file imports before its memory limit is set.
# The noise detector asks the segmenter about words: its dictionary (a second to load)
# is loaded when a reader child starts, never on a file's time limit.
READER_MODULES = (
    "documents.importing.extraction",
    "docx",
    "bs4",
    "lxml.html",
    "pypdf",
    "core.text.segmenter:engine",
)
LIMITS = {"keywords": 200, "addressees": 300, "document_number": 60, "index_number": 60}


@dataclass
class FileOutcome:
    path: Path
    status: str = "failed"  # created, duplicate, failed or dry-run
    document: ExtractedDocument | None = None
    problems: list[str] = field(default_factory=list)
    page_id: int | None = None

    @property
    def title(self) -> str:
        return self.document.title if self.document else ""


@dataclass
class ImportReport:
    section: str
    dry_run: bool = False
    outcomes: list[FileOutcome] = field(default_factory=list)
    new_organisations: list[str] = field(default_factory=list)

    def with_status(self, status: str) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def failed(self) -> list[FileOutcome]:
        return self.with_status("failed")


@dataclass(frozen=True)
class FoundFile:
    path: Path
    problem: str = ""  # why it is listed but not read (a symlink out of the folder)


def collect_files(paths: Iterable[Path | str]) -> list[FoundFile]:
    """Files as given, folders searched recursively for supported files (not Word's ~$ locks).

    Inside a folder, symbolic links are never followed out of it: a link to a file
    elsewhere (/etc/passwd) or to a folder (a loop) is listed with its reason and
    not read."""
    found: dict[Path, FoundFile] = {}
    for path in map(Path, paths):
        if path.is_dir():
            for item in sorted(_walk(path), key=lambda item: item.path):
                found.setdefault(item.path, item)
        else:
            found.setdefault(path, FoundFile(path))
    return list(found.values())


def _walk(folder: Path) -> Iterable[FoundFile]:
    root = folder.resolve()
    for directory, subfolders, names in os.walk(folder, followlinks=False):
        here = Path(directory)
        for name in subfolders:
            if (here / name).is_symlink():
                yield FoundFile(here / name, _("是指向文件夹的符号链接，不跟随，已跳过"))
        for name in names:
            path = here / name
            if path.suffix.lower() not in SUPPORTED_SUFFIXES or name.startswith(("~$", ".")):
                continue
            if not path.is_symlink():
                yield FoundFile(path)
                continue
            target = path.resolve()
            if not target.is_relative_to(root):
                yield FoundFile(path, _("是指向所选文件夹以外的符号链接，已跳过"))
            elif not target.is_file():
                yield FoundFile(path, _("是无效的符号链接（目标不存在），已跳过"))
            else:
                yield FoundFile(path)


def find_section(value: str | None = None):
    """The 政策文件 section: by page id, by center slug, or the county's (else first center's)."""
    sections = SectionPage.objects.filter(kind=SectionKind.DOCUMENTS)
    if value and value.isdigit():
        section = SectionPage.objects.filter(pk=int(value)).first()
        if section is None:
            raise ImportProblem(f"找不到编号为 {value} 的栏目")
        if section.kind != SectionKind.DOCUMENTS:
            raise ImportProblem(f"栏目“{section.title}”不是政策文件栏目，不能导入政策文件")
        return section
    if value:
        center = ServiceCenterPage.objects.filter(slug=value).first()
        if center is None:
            raise ImportProblem(f"找不到网址名为“{value}”的便民服务中心")
        section = sections.child_of(center).first()
        if section is None:
            raise ImportProblem(f"“{center.title}”没有政策文件栏目")
        return section
    home = CountyHomePage.objects.first()
    section = sections.child_of(home).first() if home else None
    if section is None:
        center = ServiceCenterPage.objects.order_by("path").first()
        section = sections.child_of(center).first() if center else None
    if section is None:
        raise ImportProblem("网站中还没有政策文件栏目，请用 --section 指定")
    return section


def reader_limits() -> Limits:
    """Time and memory for reading one file, from settings (tests set small ones)."""
    return Limits(
        seconds=float(getattr(settings, "DOCUMENT_IMPORT_TIMEOUT_SECONDS", 60)),
        memory_mb=int(getattr(settings, "DOCUMENT_IMPORT_MEMORY_MB", 1024)),
    )


def import_paths(
    paths: Iterable[Path | str],
    section,
    *,
    dry_run: bool = False,
    user=None,
    progress: Progress | None = None,
    on_outcome: OutcomeListener | None = None,
) -> ImportReport:
    """Read, extract and (unless a dry run) create one draft per file; never raises per file.

    Each file is read in a child process under reader_limits(), so a crafted file
    costs only its own outcome; `on_outcome` hears of every file as it finishes."""
    files = collect_files(paths)
    report = ImportReport(section=section.title, dry_run=dry_run)
    seen = _Seen.load(PolicyDocumentPage)
    limits = ReadLimits.from_settings()
    lexicon = load_lexicon()
    with Sandbox(reader_limits(), preload=READER_MODULES) as sandbox:
        if any(not item.problem for item in files):
            sandbox.start()
        for done, item in enumerate(files, start=1):
            outcome = FileOutcome(item.path)
            report.outcomes.append(outcome)
            try:
                if item.problem:
                    raise ImportProblem(item.problem)
                outcome.document = doc = sandbox.run(extract_file, str(item.path), limits)
                if doc.problems:
                    raise ImportProblem("；".join(doc.problems))
                screen(doc, lexicon)
                _fit(doc)
                twin = seen.twin(doc)
                if twin:
                    outcome.status, outcome.problems = "duplicate", [f"重复：与《{twin}》相同"]
                elif dry_run:
                    outcome.status = "dry-run"
                else:
                    outcome.page_id = _create_atomically(doc, section, user, report)
                    outcome.status = "created"
                if outcome.status != "duplicate":
                    seen.add(doc)
            except ImportProblem as exc:
                outcome.problems.append(str(exc.message))
            except LimitExceeded as exc:
                outcome.problems.append(
                    _("读取该文件时%(limit)s：文件过大或结构异常，其余文件照常导入")
                    % {"limit": exc.message}
                )
            except ChildFailed as exc:
                outcome.problems.append(_("读取该文件的子进程出错：%(error)s") % {"error": exc})
            except ValidationError as exc:
                outcome.problems.extend(str(m) for m in exc.messages)
            except Exception as exc:  # noqa: BLE001 — one odd file must not stop the batch
                outcome.problems.append(f"导入时出错：{type(exc).__name__}：{exc}")
            if on_outcome:
                on_outcome(outcome, done, len(files))
            if progress:
                progress(done, len(files))
    return report


@dataclass
class _Seen:
    """文号 and text hashes already in the site or earlier in this batch, with their titles."""

    numbers: dict[str, str]
    hashes: dict[str, str]

    @classmethod
    def load(cls, model) -> _Seen:
        numbers, hashes = {}, {}
        for title, number, text_hash in model.objects.values_list(
            "title", "document_number", "source_text_hash"
        ):
            if number:
                numbers.setdefault(number, title)
            if text_hash:
                hashes.setdefault(text_hash, title)
        return cls(numbers, hashes)

    def twin(self, doc: ExtractedDocument) -> str:
        if doc.document_number and doc.document_number in self.numbers:
            return self.numbers[doc.document_number]
        return self.hashes.get(doc.text_hash, "")

    def add(self, doc: ExtractedDocument) -> None:
        if doc.document_number:
            self.numbers.setdefault(doc.document_number, doc.title)
        self.hashes.setdefault(doc.text_hash, doc.title)


def _fit(doc: ExtractedDocument) -> None:
    """Values too long for their fields: the 文号 and 索引号 refuse, free text is cut."""
    if len(doc.title) > 255 - len(UNCONFIRMED_PREFIX):
        raise ImportProblem("标题超过 255 个字，可能未能正确识别标题")
    for name, limit in LIMITS.items():
        value = getattr(doc, name)
        if len(value) <= limit:
            continue
        if name in ("document_number", "index_number"):
            label = "文号" if name == "document_number" else "索引号"
            raise ImportProblem(f"{label}“{value[:30]}…”超过 {limit} 个字，不像{label}")
        setattr(doc, name, value[:limit])
        doc.warnings.append(
            f"{'主题词' if name == 'keywords' else '主送'}超过 {limit} 个字，已截断"
        )
    if doc.written_date and doc.publish_date and doc.publish_date < doc.written_date:
        doc.warnings.append("发布日期早于成文日期，已不导入发布日期，请核对")
        doc.publish_date = None


def _organisations(names: list[str], report: ImportReport) -> list:
    """Match issuers by name; create missing ones with a code "ORG" + id, and say so."""
    found = []
    for name in names:
        organisation = IssuingOrganisation.objects.filter(name=name).first()
        if organisation is None:
            organisation = IssuingOrganisation.objects.create(name=name, code=f"NEW-{name}"[:30])
            code = f"ORG{organisation.pk:05d}"
            while IssuingOrganisation.objects.filter(code=code).exists():
                code += "X"
            organisation.code = code
            organisation.save(update_fields=["code"])
            report.new_organisations.append(f"新建发布机构“{name}”（代码 {code}）")
        found.append(organisation)
    return found


def _create_atomically(doc: ExtractedDocument, section, user, report: ImportReport) -> int:
    """All of a file or nothing; a rolled-back file leaves the section and report as before."""
    created_before = len(report.new_organisations)
    try:
        with transaction.atomic():
            return _create(doc, section, user, report)
    except BaseException:
        del report.new_organisations[created_before:]
        section.refresh_from_db(fields=["numchild"])  # add_child counted the child in memory
        raise


def _create(doc: ExtractedDocument, section, user, report: ImportReport) -> int:
    page = PolicyDocumentPage(
        title=doc.title if doc.title_confirmed else UNCONFIRMED_PREFIX + doc.title,
        live=False,
        document_number=doc.document_number,
        written_date=doc.written_date,
        publish_date=doc.publish_date,
        index_number=doc.index_number,
        keywords=doc.keywords,
        disclosure_mode=doc.disclosure_mode,
        addressees=doc.addressees,
        body=doc.body_html,
        source_text_hash=doc.text_hash,
        owner=user,
    )
    page.organisations = _organisations(doc.organisations, report)
    page.attachments = [PolicyAttachment(title=title[:200]) for title in doc.attachments]
    section.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return page.pk
