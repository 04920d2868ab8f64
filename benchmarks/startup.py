"""How long a ``manage.py`` command takes to start, against a reference revision.

Every command, app server and task worker pays Django's set-up. The reference
is the revision before WeasyPrint and the importers' libraries were made to load
on use (#16: "every manage.py call spends about a second importing WeasyPrint").
Both trees are clean checkouts with their bytecode compiled, measured
alternately in the same run with the same virtualenv; the figure is the
fastest of --runs wall times. Target: under half the reference.

It also prints the floor: `manage.py help` with the same settings but none of
the project's own apps, i.e. what Django, Wagtail and the libraries cost
alone, the least that any change to this project could reach.

    .venv/bin/python benchmarks/startup.py [--against 95a4d1e^] [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = (("help",), ("check",))
TARGET_RATIO = 0.5


def _tree(revision: str, where: Path) -> Path:
    """A clean checkout of the revision, so neither side reads bytecode the other lacks."""
    tree = where / revision.replace("^", "-parent")
    subprocess.run(  # noqa: S603 - fixed arguments
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-f", str(tree), revision],  # noqa: S607
        check=True,
        capture_output=True,
    )
    (tree / ".venv").symlink_to(ROOT / ".venv")
    # Bytecode written once, as scripts/install.sh writes the packages' own: the
    # figure is a command's start-up, not Python compiling the project's sources.
    subprocess.run(  # noqa: S603 - fixed arguments
        [str(ROOT / ".venv/bin/python"), "-m", "compileall", "-q", "-x", r"\.venv", str(tree)],
        check=True,
        capture_output=True,
    )
    return tree


FLOOR_SETTINGS = """\
from pathlib import Path

from portal.settings.dev import *  # noqa: F403

_ROOT = Path(__file__).resolve().parent
INSTALLED_APPS = [  # noqa: F405
    app for app in INSTALLED_APPS if not (_ROOT / app.split(".")[0]).is_dir()  # noqa: F405
]
"""


def _seconds(tree: Path, command: tuple[str, ...], settings: str = "portal.settings.dev") -> float:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    started = time.perf_counter()
    subprocess.run(  # noqa: S603 - fixed arguments
        [str(ROOT / ".venv/bin/python"), "manage.py", *command],
        cwd=tree,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="95a4d1e^", help="the reference revision")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="startup-"))
    # The working tree as it is, uncommitted changes to tracked files included.
    stash = subprocess.run(
        ["git", "-C", str(ROOT), "stash", "create"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    current = _tree(stash or "HEAD", scratch)
    reference = _tree(args.against, scratch)
    (current / "startup_floor_settings.py").write_text(FLOOR_SETTINGS)
    try:
        best: dict[tuple[str, tuple[str, ...]], float] = {}
        for _ in range(args.runs):
            for label, tree in (("now", current), ("reference", reference)):
                for command in COMMANDS:
                    key = (label, command)
                    best[key] = min(best.get(key, float("inf")), _seconds(tree, command))
            floor = _seconds(current, ("help",), "startup_floor_settings")
            best[("floor", ("help",))] = min(best.get(("floor", ("help",)), floor), floor)
        met = True
        print(f"manage.py start-up, fastest of {args.runs} (reference: {args.against})")
        for command in COMMANDS:
            now, before = best[("now", command)], best[("reference", command)]
            ratio = now / before
            met &= ratio < TARGET_RATIO
            verdict = "met" if ratio < TARGET_RATIO else "NOT met"
            print(
                f"  manage.py {' '.join(command):<6} {now:5.2f} s  reference {before:5.2f} s"
                f"  ratio {ratio:.2f} (target < {TARGET_RATIO}: {verdict})"
            )
        floor, before = best[("floor", ("help",))], best[("reference", ("help",))]
        print(
            f"  floor: manage.py help with none of the project's apps {floor:5.2f} s, "
            f"ratio {floor / before:.2f} (the least any change here could reach)"
        )
        return 0 if met else 1
    finally:
        for tree in (current, reference):
            subprocess.run(  # noqa: S603 - fixed arguments
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],  # noqa: S607
                capture_output=True,
            )
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
