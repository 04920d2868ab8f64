"""`manage.py search_index rebuild|status|replay`: the index, by hand."""

from django.core.management.base import BaseCommand, CommandError

from tqdm import tqdm

from core.text import segmenter
from search import service
from search.backends.base import BackendUnavailable
from search.indexing import all_keys, document_for_key
from search.models import PendingIndexUpdate

BATCH = 200


class Command(BaseCommand):
    help = "Rebuild the search index, show its status, or replay updates queued for Elasticsearch."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status", "replay"])

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(options["verbosity"])

    def _documents(self, verbosity):
        keys = list(all_keys())
        for key in tqdm(keys, desc="indexing", unit="doc", disable=verbosity < 1):
            document = document_for_key(key)
            if document is not None:
                yield document

    def _rebuild(self, verbosity):
        backend = service.embedded()
        backend.clear()
        batch, total = [], 0
        for document in self._documents(verbosity):
            batch.append(document)
            if len(batch) >= BATCH:
                total += backend.index(batch)
                batch = []
        total += backend.index(batch)
        self.stdout.write(f"embedded: {total} documents indexed")
        remote = service.remote()
        if remote is not None:
            try:
                name = remote.rebuild(self._documents(verbosity))
            except BackendUnavailable as exc:
                raise CommandError(f"Elasticsearch unavailable: {exc}") from exc
            PendingIndexUpdate.objects.all().delete()
            self.stdout.write(f"elasticsearch: rebuilt into {name}, alias swapped")

    def _status(self, verbosity):
        self.stdout.write(f"segmenter: {segmenter.engine_name()}")
        self.stdout.write(f"embedded: {service.embedded().count()} documents")
        remote = service.remote()
        if remote is None:
            self.stdout.write("elasticsearch: not configured (set ELASTICSEARCH_URL)")
        else:
            try:
                self.stdout.write(f"elasticsearch: {remote.count()} documents")
            except BackendUnavailable as exc:
                self.stdout.write(f"elasticsearch: UNAVAILABLE ({exc})")
        self.stdout.write(f"queued for elasticsearch: {PendingIndexUpdate.objects.count()}")

    def _replay(self, verbosity):
        queued = PendingIndexUpdate.objects.count()
        replayed = service.replay_pending()
        self.stdout.write(f"replayed {replayed} of {queued} queued updates")
        if queued and not replayed:
            raise CommandError("Elasticsearch still unavailable; updates stay queued")
