"""Huge images: refused on upload, and never decoded on a public request.

A small, highly compressible PNG can declare a huge canvas: 127 Mpx took the
first board view 2.4 s and 1.2 GB. Uploads over WAGTAILIMAGES_MAX_IMAGE_PIXELS
are refused in Chinese; the renditions the public pages use are made when an
image is saved; an oversized image already in the database shows as no photo.
"""

import io
import json
import struct
import zlib

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

import PIL.Image
import pytest

from tests.factories import make_image_file
from tests.staff.conftest import hall  # noqa: F401 - the board fixture

pytestmark = pytest.mark.django_db
PUBLIC_PHOTO_SPECS = {"fill-120x160", "fill-240x320"}  # the board/organisation page, API/print


def compressible_png(width: int, height: int) -> bytes:
    """An all-black 8-bit grey PNG: width × height pixels in a few hundred KB at most."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    compressor = zlib.compressobj(9)
    row = b"\0" * (width + 1)  # filter byte + pixels
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data)
    return png + chunk(b"IEND", b"")


def form(**fields) -> dict:
    from wagtail.models import Collection

    return {"title": "工作照", "collection": Collection.get_first_root_node().pk, **fields}


@pytest.fixture
def editor(client, tree):
    user = get_user_model().objects.create_superuser("editor", "e@example.org", "x-pass-2026")
    client.force_login(user)
    return client


@pytest.fixture
def decodes(monkeypatch):
    """How often Pillow decodes pixel data (Image.load), counted on the real method."""
    calls = []
    real_load = PIL.Image.Image.load

    def load(self):
        calls.append(self.size)
        return real_load(self)

    monkeypatch.setattr(PIL.Image.Image, "load", load)
    return calls


def stored_image(width: int, height: int, name: str = "big.png"):
    """An image saved straight to the database, as one uploaded before the limit was."""
    from wagtail.images import get_image_model

    return get_image_model().objects.create(
        title="旧照片", file=SimpleUploadedFile(name, compressible_png(width, height))
    )


def test_the_crafted_png_is_small_on_disk_but_huge_in_pixels():
    data = compressible_png(11_300, 11_300)
    assert len(data) < 600 * 1024
    with PIL.Image.open(io.BytesIO(data)) as image:
        assert image.size[0] * image.size[1] > 127_000_000


@pytest.mark.parametrize(
    "url, field", [("/admin/images/add/", "file"), ("/admin/images/multiple/add/", "files[]")]
)
def test_the_admin_refuses_an_image_with_too_many_pixels_in_chinese(editor, url, field):
    from wagtail.images import get_image_model

    upload = SimpleUploadedFile("bomb.png", compressible_png(11_300, 11_300), "image/png")
    response = editor.post(url, form(**{field: upload}))

    body = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        body = json.loads(body)["error_message"]
    assert "图片像素过多" in body
    assert "请缩小" in body
    assert not get_image_model().objects.exists()


def test_a_normal_photo_still_uploads(editor):
    from wagtail.images import get_image_model

    upload = SimpleUploadedFile("photo.png", compressible_png(1200, 1600), "image/png")
    response = editor.post("/admin/images/add/", form(file=upload))

    assert response.status_code == 302
    assert get_image_model().objects.get().width == 1200


def test_renditions_exist_as_soon_as_a_photo_is_saved(editor, django_capture_on_commit_callbacks):
    from wagtail.images import get_image_model

    upload = SimpleUploadedFile("photo.png", compressible_png(1200, 1600), "image/png")
    with django_capture_on_commit_callbacks(execute=True):
        editor.post("/admin/images/add/", form(file=upload))

    image = get_image_model().objects.get()
    made = set(image.renditions.values_list("filter_spec", flat=True))
    assert made >= PUBLIC_PHOTO_SPECS


def test_a_public_board_view_makes_no_rendition_and_decodes_nothing(
    hall,  # noqa: F811
    client,
    django_capture_on_commit_callbacks,
    decodes,
):
    from wagtail.images import get_image_model
    from wagtail.images.models import Rendition

    with django_capture_on_commit_callbacks(execute=True):
        photo = get_image_model().objects.create(title="工作照", file=make_image_file())
        hall["a"].photo = photo
        hall["a"].save()
        hall["director"].photo = photo
        hall["director"].save()
    before = Rendition.objects.count()
    decodes.clear()

    center = hall["center"]
    card = photo.renditions.get(filter_spec="fill-120x160").url
    for path in ("staff/", "staff/organisation/"):
        page = client.get(center.url + path)
        assert page.status_code == 200
        assert card in page.content.decode()
    api = client.get(f"/api/v1/centers/{center.slug}/whereabouts/")
    assert photo.renditions.get(filter_spec="fill-240x320").url in api.content.decode()

    assert Rendition.objects.count() == before
    assert decodes == []


def test_an_oversized_image_from_before_is_shown_as_no_photo_and_never_decoded(
    hall,  # noqa: F811
    client,
    django_capture_on_commit_callbacks,
    decodes,
):
    from wagtail.images.models import Rendition

    with django_capture_on_commit_callbacks(execute=True):
        big = stored_image(6_500, 6_400)  # 41.6 Mpx, over the limit
        hall["a"].photo = big
        hall["a"].save()
    decodes.clear()

    board = client.get(hall["center"].url + "staff/")
    api = json.loads(client.get(f"/api/v1/centers/{hall['center'].slug}/whereabouts/").content)

    assert board.status_code == 200
    assert "staff-card__photo--blank" in board.content.decode()
    photos = {p["name"]: p["photo"] for g in api["groups"] for p in g["staff"]}
    assert photos[hall["a"].name] is None
    assert not Rendition.objects.filter(image=big).exists()
    assert decodes == []


def test_print_shows_an_oversized_photo_as_a_blank_box(hall, decodes):  # noqa: F811
    from printing.products import _badge_face

    hall["a"].photo = stored_image(6_500, 6_400)
    hall["a"].save()
    decodes.clear()

    assert _badge_face(hall["a"]).photo_url == ""
    assert decodes == []
