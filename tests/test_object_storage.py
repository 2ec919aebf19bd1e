"""Media on S3-compatible object storage: uploads and renditions land in the bucket.

Runs against moto's S3 emulator, started on loopback for the test, through the same
django-storages backend and settings production uses with AWS_S3_ENDPOINT_URL.
"""

import subprocess
import sys
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from wagtail.images import get_image_model

import boto3
import pytest
from PIL import Image as PILImage

from .factories import NewsArticlePageFactory
from .helpers import soup
from .servers import free_port, wait_until_up

pytestmark = pytest.mark.django_db

BUCKET = "cancer-center-news-media"
CREDENTIALS = {"aws_access_key_id": "emulator", "aws_secret_access_key": "emulator"}


@pytest.fixture(scope="module")
def s3_emulator():
    """moto's standalone S3 emulator on a loopback port; yields its endpoint URL."""
    port = free_port()
    emulator = subprocess.Popen(  # noqa: S603 - the emulator installed with the test tools
        [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(endpoint, emulator)
        yield endpoint
    finally:
        emulator.terminate()
        emulator.wait(timeout=20)


@pytest.fixture
def bucket(s3_emulator):
    s3 = boto3.client("s3", endpoint_url=s3_emulator, region_name="us-east-1", **CREDENTIALS)
    s3.create_bucket(Bucket=BUCKET)
    storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": BUCKET,
            "endpoint_url": s3_emulator,
            "region_name": "us-east-1",
            "access_key": CREDENTIALS["aws_access_key_id"],
            "secret_key": CREDENTIALS["aws_secret_access_key"],
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    with override_settings(STORAGES={**settings.STORAGES, "default": storage}):
        yield s3
    for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        s3.delete_object(Bucket=BUCKET, Key=item["Key"])
    s3.delete_bucket(Bucket=BUCKET)


def jpeg(name, size=(1600, 1000)):
    buffer = BytesIO()
    PILImage.new("RGB", size, "darkseagreen").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def keys(s3):
    return sorted(item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_uploaded_image_and_its_renditions_are_stored_in_the_bucket(
    admin_client, client, bucket, news_index, s3_emulator
):
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Proton beam room", "file": jpeg("proton-room.jpg")},
    )
    assert response.status_code == 302, response.content[:2000]
    image = get_image_model().objects.get(title="Proton beam room")
    assert keys(bucket) == [image.file.name]
    assert image.file.name.startswith("original_images/proton-room")

    NewsArticlePageFactory(
        parent=news_index, slug="proton", lead_image=image, lead_image_alt="The proton beam room"
    )
    page = client.get("/news/proton/")
    assert page.status_code == 200
    lead = soup(page).find("img", alt="The proton beam room")
    assert lead is not None
    sources = [lead["src"]] + [
        candidate.split()[0]
        for source in soup(page).select("picture source")
        for candidate in source["srcset"].split(",")
    ]
    stored = keys(bucket)
    assert any(key.startswith("images/proton-room") for key in stored), stored
    for url in sources:
        assert url.startswith(f"{s3_emulator}/{BUCKET}/images/"), url
        assert url.removeprefix(f"{s3_emulator}/{BUCKET}/") in stored, url

    # What a reader's browser fetches from the bucket is the image itself.
    body = bucket.get_object(
        Bucket=BUCKET, Key=lead["src"].removeprefix(f"{s3_emulator}/{BUCKET}/")
    )
    assert body["ContentLength"] > 0
    assert body["ContentType"].startswith("image/")
