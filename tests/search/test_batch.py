"""Bulk indexing reads pages in batches; it must build exactly what one-by-one does."""

from search.indexing import all_keys, document_for_key, documents_for_keys


def test_batch_documents_equal_single_documents(demo):
    from wagtail.models import Page, PageViewRestriction

    # include a private page and a translation, which must both be left out
    private = Page.objects.get(slug="notices", depth=4, url_path__contains="/songlin/")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    keys = list(all_keys()) + [
        f"page:{p.pk}" for p in Page.objects.exclude(locale__language_code="zh-hans")
    ]
    batched = dict(documents_for_keys(keys))
    assert len(keys) > 100
    for key in keys:
        assert batched[key] == document_for_key(key), key
    assert any(document is None for document in batched.values())
