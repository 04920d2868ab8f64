"""Background work of the print menu, run by the task worker (`manage.py db_worker`).

A web request only records a PrintPackJob and enqueues `build_print_pack`;
the worker renders the pack into the default storage, which every app
server shares (MEDIA_ROOT on shared storage, or object storage), so the
download works from whichever server the next request reaches.
"""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from django_tasks import task

from printing.models import PrintPackJob
from printing.pack import pack_pdf, pack_zip
from printing.render import PrintError

log = logging.getLogger(__name__)
PACK_DIRECTORY = "private/print-packs"  # never served by the web server itself


@task()
def build_print_pack(job_id: int) -> None:
    job = PrintPackJob.objects.select_related("center").get(pk=job_id)
    PrintPackJob.objects.filter(pk=job.pk).update(
        status=PrintPackJob.Status.RUNNING, started_at=timezone.now()
    )
    try:
        data = pack_zip(job.center) if job.kind == "zip" else pack_pdf(job.center)
    except PrintError as exc:
        _finish(job, PrintPackJob.Status.FAILED, error=exc.message)
        return
    except Exception:
        log.exception("print pack %s failed", job.pk)
        _finish(job, PrintPackJob.Status.FAILED, error=_("生成时出错，请稍后重试或联系管理员。"))
        raise
    name = default_storage.save(f"{PACK_DIRECTORY}/{job.filename}", ContentFile(data))
    _finish(job, PrintPackJob.Status.DONE, file=name)
    _forget_older(job)


def _finish(job: PrintPackJob, status: str, **fields: str) -> None:
    PrintPackJob.objects.filter(pk=job.pk).update(
        status=status, finished_at=timezone.now(), **fields
    )


def _forget_older(job: PrintPackJob) -> None:
    """Only the newest pack of each kind is kept: older ones are stale content anyway."""
    older = PrintPackJob.objects.filter(
        center=job.center, kind=job.kind, requested_at__lt=job.requested_at
    ).exclude(status__in=[PrintPackJob.Status.QUEUED, PrintPackJob.Status.RUNNING])
    for name in older.exclude(file="").values_list("file", flat=True):
        default_storage.delete(name)
    older.delete()
