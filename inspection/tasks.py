"""The whole inspection as a background task: the admin's "重新检查" button enqueues it,
so a large site never holds a web request for the minute a full run can take."""

from __future__ import annotations

from django_tasks import task

from .services import linkcheck, report


@task()
def run_inspection() -> float:
    linkcheck.check_site()
    return report.run(store=True)["score"]
