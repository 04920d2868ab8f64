"""Every process starts without the libraries only some work needs.

Each ``manage.py`` call, app server and task worker sets up Django; a library
imported at module level by a model, an app's ``ready()`` or a ``wagtail_hooks``
module is paid for by all of them. These load only where they are used.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The library, and the only work that needs it.
LOADED_ON_USE = {
    "weasyprint": "rendering a PDF (in the render workers)",
    "rjieba": "segmenting Chinese text (search, the scanner)",
    "cn2an": "reading Chinese numerals (imports)",
    "documents.importing.extraction": "importing documents",
    "documents.importing.reading": "importing documents",
    "pypdfium2": "previews of PDFs",
    "docx": "reading .docx files",
    "openpyxl": "spreadsheet imports and exports",
}


def _modules_after_setup(*extra: str) -> set[str]:
    code = (
        "import json, sys, django\n"
        "django.setup()\n"
        f"for name in {list(extra)!r}:\n"
        "    __import__(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    out = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


@pytest.fixture(scope="module")
def loaded() -> set[str]:
    return _modules_after_setup()


@pytest.mark.parametrize("module", sorted(LOADED_ON_USE))
def test_setting_up_django_does_not_load(loaded, module):
    assert module not in loaded, f"{module} is for {LOADED_ON_USE[module]}, not every process"


def test_the_importing_package_still_offers_its_names():
    # The importer first: loading its modules must not shadow the package's names
    # (a submodule named like a function used to replace it once imported).
    import documents.importing.importer  # noqa: F401
    from documents.importing import ImportProblem, extract, read_document

    assert callable(extract) and callable(read_document)
    assert issubclass(ImportProblem, Exception)


def test_the_segmenter_loads_its_library_on_first_use():
    modules = _modules_after_setup("core.text.segmenter")
    assert "rjieba" not in modules

    from core.text import segmenter

    assert segmenter.cut("城关镇便民服务中心")
