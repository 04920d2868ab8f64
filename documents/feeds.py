"""Atom feed of newly published policy documents (county-wide, or one center's).

Readers and other government sites subscribe to it; it carries the public
metadata only, and escapes everything (the syndication framework does).
"""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from wagtail.models import Page, Site

from .services.document_list import apply_filters, documents_under

FEED_ITEMS = 30


class DocumentFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, page_id: int | None = None):
        self.request = request
        self.params = request.GET
        if page_id is not None:
            return get_object_or_404(Page.objects.live().public(), pk=page_id)
        site = Site.find_for_request(request)
        return site.root_page if site else Page.get_first_root_node()

    def title(self, scope):
        return _("%(scope)s · 政策文件") % {"scope": scope.title}

    def subtitle(self, scope):
        return _("%(scope)s新发布的政策文件（政府信息公开目录）") % {"scope": scope.title}

    def link(self, scope):
        return scope.get_url(self.request) or "/"

    def items(self, scope):
        documents = apply_filters(documents_under(scope), self.params)
        # Every entry names its issuing organisations: read them for all entries at once.
        documents = documents.prefetch_related("organisations")
        return documents.order_by("-first_published_at")[:FEED_ITEMS]

    def item_title(self, item):
        return f"{item.title}（{item.document_number}）" if item.document_number else item.title

    def item_description(self, item):
        parts = [
            _("发布机构：%(names)s") % {"names": item.organisation_names}
            if item.organisation_names
            else "",
            _("索引号：%(number)s") % {"number": item.index_number} if item.index_number else "",
            _("有效性：%(validity)s") % {"validity": item.get_validity_display()},
        ]
        return _("；").join(p for p in parts if p)

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        if item.publish_date:
            moment = dt.datetime.combine(item.publish_date, dt.time(9))
            return timezone.make_aware(moment)
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
