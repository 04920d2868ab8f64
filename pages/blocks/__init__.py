"""StreamField blocks for free-form page bodies.

Kept deliberately small: structured content (guides, documents, staff) gets
real fields in its own models, not blocks.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("标题文字"), max_length=80)
    level = blocks.ChoiceBlock(
        label=_("级别"), choices=[("h2", _("二级标题")), ("h3", _("三级标题"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("小标题")
        template = "blocks/heading.html"


class NoticeBlock(blocks.StructBlock):
    """A highlighted box for what a citizen must not miss (e.g. bring your ID card)."""

    title = blocks.CharBlock(label=_("提示标题"), max_length=60)
    text = blocks.TextBlock(label=_("提示内容"))

    class Meta:
        icon = "warning"
        label = _("温馨提示")
        template = "blocks/notice.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("正文段落"), features=["bold", "italic", "ol", "ul", "link", "document-link"]
    )
    notice = NoticeBlock()
    image = ImageBlock(label=_("图片"))

    class Meta:
        block_counts = {}
