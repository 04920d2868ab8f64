"""Is the shipped interface translation complete? What `makemessages` would find.

Every string a user sees goes through Django's translation functions with
Chinese as the source language; `locale/<lang>/LC_MESSAGES/django.po` gives
each one its translation. The check runs `makemessages` into a temporary copy
of that file, so the working tree is never touched, and reports the strings
the shipped file lacks, leaves empty or fuzzy, or still carries after their
source has gone.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command
from django.test.utils import override_settings

import polib

# Not the portal's interface: tests, benchmarks, local data, and the catalogue
# itself (so that makemessages writes into the temporary copy). Hidden
# directories (.venv, .tools) are skipped by makemessages anyway.
IGNORED = ["tests", "benchmarks", "var", "node_modules", "locale"]


@dataclass(frozen=True)
class CatalogueProblems:
    new: list[str]  # found in the code, missing from the shipped file
    untranslated: list[str]  # in the shipped file with an empty or fuzzy translation
    stale: list[str]  # in the shipped file, gone from the code

    def __bool__(self) -> bool:
        return bool(self.new or self.untranslated or self.stale)

    def report(self) -> str:
        lines = []
        for label, msgids in (
            ("new (not in the .po file)", self.new),
            ("untranslated or fuzzy", self.untranslated),
            ("no longer used", self.stale),
        ):
            if msgids:
                lines.append(f"{len(msgids)} {label}:")
                lines.extend(f"  {msgid}" for msgid in msgids)
        return "\n".join(lines)


def _key(entry: polib.POEntry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def _label(entry: polib.POEntry) -> str:
    return f"[{entry.msgctxt}] {entry.msgid}" if entry.msgctxt else entry.msgid


def check_catalogue(root: Path, language: str = "en") -> CatalogueProblems:
    """Compare `root`'s locale/<language>/LC_MESSAGES/django.po with what
    makemessages extracts from the code under `root` now."""
    shipped_path = root / "locale" / language / "LC_MESSAGES" / "django.po"
    with tempfile.TemporaryDirectory() as scratch:
        fresh_path = Path(scratch) / language / "LC_MESSAGES" / "django.po"
        fresh_path.parent.mkdir(parents=True)
        if shipped_path.exists():
            shutil.copyfile(shipped_path, fresh_path)
        with override_settings(LOCALE_PATHS=[scratch]), contextlib.chdir(root):
            call_command(
                "makemessages",
                locale=[language],
                ignore_patterns=IGNORED,
                no_location=True,
                verbosity=0,
            )
        fresh = [e for e in polib.pofile(str(fresh_path)) if not e.obsolete]
    shipped = polib.pofile(str(shipped_path)) if shipped_path.exists() else polib.POFile()
    shipped_keys = {_key(e) for e in shipped if not e.obsolete}
    fresh_keys = {_key(e) for e in fresh}
    return CatalogueProblems(
        new=[_label(e) for e in fresh if _key(e) not in shipped_keys],
        untranslated=[_label(e) for e in fresh if _key(e) in shipped_keys and not e.translated()],
        stale=[_label(e) for e in shipped if not e.obsolete and _key(e) not in fresh_keys],
    )
