"""Photos: only real JPEG/PNG/WebP images up to 10 MB, re-encoded without location metadata."""

import io
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from grassroots.cases.models import PHOTOS_MAX, Photo

MAX_BYTES = 10 * 1024 * 1024
LONG_SIDE = 2560
FORMATS = {"JPEG", "PNG", "WEBP"}
Image.MAX_IMAGE_PIXELS = 50_000_000


def _decode(upload) -> Image.Image:
    name = getattr(upload, "name", "")
    if upload.size > MAX_BYTES:
        raise ValidationError(_("“%(name)s” is larger than 10 MB.") % {"name": name})
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in FORMATS:
                raise ValidationError("format")
            image.load()
    except (
        UnidentifiedImageError,
        OSError,
        ValidationError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        SyntaxError,
    ) as exc:
        raise ValidationError(
            _("“%(name)s” is not a JPEG, PNG or WebP photo.") % {"name": name}
        ) from exc
    return image


def validate_photos(files) -> list[Image.Image]:
    """Decode every file, refusing the lot if one is bad or there are too many."""
    files = list(files)
    if len(files) > PHOTOS_MAX:
        raise ValidationError(_("At most %(max)d photos can be attached.") % {"max": PHOTOS_MAX})
    return [_decode(f) for f in files]


def reencode(image: Image.Image) -> tuple[ContentFile, int, int]:
    image = ImageOps.exif_transpose(image).convert("RGB")
    image.thumbnail((LONG_SIDE, LONG_SIDE))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)  # no exif= argument: metadata is not carried over
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg"), image.width, image.height


def attach_photos(*, case, files, stage: str, actor) -> list[Photo]:
    """Validate all photos first, then save them all re-encoded (none if any is bad)."""
    images = validate_photos(files)
    photos = []
    for image in images:
        content, width, height = reencode(image)
        photos.append(
            Photo.objects.create(
                case=case, stage=stage, image=content, width=width, height=height, uploaded_by=actor
            )
        )
    return photos
