"""Backup and restore make a round trip: the same stories, the same image and file bytes."""

import hashlib
import io
import tarfile

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

import pytest

from news.models import NewsArticlePage

from .factories import ImageFactory, NewsArticlePageFactory, paragraph

pytestmark = pytest.mark.django_db(transaction=True)


def media_digests(storage):
    from core.backup import media_names

    return {name: hashlib.sha256(storage.open(name).read()).hexdigest() for name in media_names()}


def snapshot():
    stories = {
        story.slug: (story.title, story.live, str(story.body), story.lead_image.file.name)
        for story in NewsArticlePage.objects.order_by("slug")
    }
    return stories, Page.objects.count(), get_image_model().objects.count()


@pytest.fixture
def site_content(news_index, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    for number in range(3):
        NewsArticlePageFactory(
            parent=news_index,
            slug=f"story-{number}",
            title=f"Story {number}",
            lead_image=ImageFactory(title=f"Picture {number}"),
            body=[paragraph(f"<p>Paragraph {number}, with <b>bold</b> words.</p>")],
        )
    document = get_document_model()(title="Annual report")
    document.file.save("annual-report.pdf", ContentFile(b"%PDF-1.7\nreport"), save=True)
    return news_index


def test_backup_then_restore_brings_back_content_and_file_bytes(site_content, tmp_path, capsys):
    from django.core.files.storage import default_storage

    before = snapshot()
    media_before = media_digests(default_storage)
    assert len(media_before) >= 4, "the images and the document are on disk"

    call_command("backup", output_dir=str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("cms-backup-*.tar.gz")
    assert "Backup written to" in capsys.readouterr().out

    # Disaster: a story deleted, another edited, every media file lost.
    NewsArticlePage.objects.get(slug="story-0").delete()
    edited = NewsArticlePage.objects.get(slug="story-1")
    edited.title = "Overwritten"
    edited.save()
    for name in media_before:
        default_storage.delete(name)
    assert snapshot() != before

    call_command("restore", str(archive), yes=True)
    connection.close()  # read the restored database afresh
    assert snapshot() == before
    assert media_digests(default_storage) == media_before
    restored = NewsArticlePage.objects.get(slug="story-0")
    assert restored.lead_image.get_rendition("width-100").width == 100


def test_restore_refuses_a_damaged_or_foreign_archive(site_content, tmp_path):
    call_command("backup", output_dir=str(tmp_path))
    (archive,) = tmp_path.glob("cms-backup-*.tar.gz")
    stories = snapshot()

    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("media/original_images/"):
                data = data[:-10] + b"0123456789"  # bit rot in one picture
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    with pytest.raises(CommandError, match="is damaged"):
        call_command("restore", str(damaged), yes=True)

    not_a_backup = tmp_path / "notes.tar.gz"
    not_a_backup.write_bytes(b"hello")
    with pytest.raises(CommandError, match="is not a backup archive"):
        call_command("restore", str(not_a_backup), yes=True)
    assert snapshot() == stories, "nothing was restored from a bad archive"
