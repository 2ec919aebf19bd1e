"""Backup and restore: a round trip gives back the same site; a restore is all or nothing.

Every fault leaves the database and the media exactly as they were before the restore (not as
they were at the backup: the site has moved on since) and says what is wrong in one line on
stderr, with a non-zero exit status, as `manage.py restore` shows it to whoever runs it.
"""

import hashlib
import io
import json
import os
import subprocess
import tarfile
import tracemalloc
from contextlib import contextmanager

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import ManagementUtility, call_command
from django.db import connection

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

import pytest

from core.models import SiteSettings
from news.models import NewsArticlePage
from operations.backup import STAGING_PREFIX, media_names

from .factories import AlertBannerFactory, ImageFactory, NewsArticlePageFactory, paragraph
from .helpers import visible_text
from .test_cdn_purge import cdn, purge_receiver, stand_in  # noqa: F401 - a CDN that records purges
from .test_object_storage import BUCKET, bucket, s3_emulator  # noqa: F401 - a bucket on moto

pytestmark = pytest.mark.django_db(transaction=True)

MB = 1024 * 1024


def media_digests():
    """Every media file (staging folders included) and the SHA-256 of its bytes."""
    root = default_storage.path("")
    found = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            with open(path, "rb") as file:
                found[os.path.relpath(path, root)] = hashlib.sha256(file.read()).hexdigest()
    return found


def media_folders():
    return sorted(
        os.path.relpath(folder, default_storage.path(""))
        for folder, _, _ in os.walk(default_storage.path(""))
    )


def database_state():
    """Every row of every table: equal only if the database is exactly as it was."""
    connection.close()  # read what is committed, afresh
    state = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            state[table] = sorted(repr(row) for row in cursor.fetchall())
    return state


def snapshot():
    stories = {
        story.slug: (story.title, story.live, str(story.body), story.lead_image.file.name)
        for story in NewsArticlePage.objects.order_by("slug")
    }
    return stories, Page.objects.count(), get_image_model().objects.count()


@pytest.fixture
def site_content(news_index, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    SiteSettings.for_site(news_index.get_site())
    stories = [
        NewsArticlePageFactory(
            parent=news_index,
            slug=f"story-{number}",
            title=f"Story {number}: Über die Protonentherapie, erklärt für Patientinnen",
            lead_image=ImageFactory(title=f"Picture {number}"),
            body=[paragraph(f"<p>Paragraph {number}, with <b>bold</b> words.</p>")],
        )
        for number in range(3)
    ]
    stories[1].title = "Story 1, saved twice"
    stories[1].save_revision().publish()
    document = get_document_model()(title="Annual report")
    document.file.save("annual-report.pdf", ContentFile(b"%PDF-1.7\nreport"), save=True)
    return stories


@pytest.fixture
def archive(site_content, tmp_path):
    call_command("backup", output_dir=str(tmp_path / "backups"))
    (path,) = (tmp_path / "backups").glob("cms-backup-*.tar.gz")
    return path


def disaster():
    """What happens after a backup: a story deleted, one edited, files lost, changed, added."""
    NewsArticlePage.objects.get(slug="story-0").delete()
    edited = NewsArticlePage.objects.get(slug="story-1")
    edited.title = "Overwritten"
    edited.save_revision().publish()
    names = list(media_names())
    pictures = [name for name in names if name.startswith("original_images/")]
    default_storage.delete(pictures[0])
    (document,) = [name for name in names if name.startswith("documents/")]
    default_storage.delete(document)
    assert default_storage.save(document, ContentFile(b"%PDF-1.7\nedited since")) == document
    default_storage.save("documents/uploaded-after-the-backup.pdf", ContentFile(b"%PDF-1.7\nnew"))


def rewrite(source, target, change=None, extra=()):
    """A copy of an archive with its members changed: ``change(name, data)`` returns the new
    data, or None to leave the member out; ``extra`` members (name, data) are added at the end,
    with the manifest kept last as the backup writes it."""
    members = []
    with tarfile.open(source) as archive:
        for member in archive.getmembers():
            data = archive.extractfile(member).read()
            members.append((member.name, data))
    manifest = [data for name, data in members if name == "manifest.json"]
    members = [(name, data) for name, data in members if name != "manifest.json"]
    members += list(extra) + [("manifest.json", manifest[0])]
    with tarfile.open(target, "w:gz") as archive:
        for name, data in members:
            data = change(name, data) if change else data
            if data is None:
                continue
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return target


def with_manifest(source, target, edit, extra=()):
    """An archive whose manifest is ``edit(manifest)``, written back as JSON."""

    def change(name, data):
        if name != "manifest.json":
            return data
        return json.dumps(edit(json.loads(data))).encode()

    return rewrite(source, target, change, extra)


def run_restore(archive, capsys):
    """`manage.py restore ARCHIVE --yes` as run from a shell: its exit status, its stderr."""
    capsys.readouterr()
    try:
        ManagementUtility(["manage.py", "restore", str(archive), "--yes"]).execute()
        status = 0
    except SystemExit as exit:
        status = exit.code
    return status, capsys.readouterr()


def assert_refused(archive, capsys, *words):
    """The restore fails with one line naming what is wrong, and changes nothing."""
    database, media = database_state(), media_digests()
    status, output = run_restore(archive, capsys)
    lines = output.err.strip().splitlines()
    assert status != 0
    assert len(lines) == 1, output.err
    assert "Traceback" not in output.err
    assert lines[0].startswith(f"CommandError: {archive}: ")
    for word in words:
        assert word in lines[0]
    assert "Nothing was restored" in lines[0]
    assert database_state() == database, "the database is as it was"
    assert media_digests() == media, "every media file is as it was, none added"
    return lines[0]


# The round trip


def test_backup_then_restore_brings_back_content_and_file_bytes(site_content, tmp_path, capsys):
    before = snapshot()
    media_before = media_digests()
    assert len(media_before) >= 4, "the images and the document are on disk"

    call_command("backup", output_dir=str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("cms-backup-*.tar.gz")
    assert "Backup written to" in capsys.readouterr().out

    disaster()
    for name in list(media_names()):
        if name != "documents/uploaded-after-the-backup.pdf":
            default_storage.delete(name)
    assert snapshot() != before

    status, output = run_restore(archive, capsys)
    assert status == 0, output.err
    assert "Restored the" in output.out
    assert snapshot() == before
    after = media_digests()
    assert after.pop("documents/uploaded-after-the-backup.pdf"), "a later upload stays"
    assert after == media_before
    assert not [
        name for name in os.listdir(default_storage.path("")) if name.startswith(STAGING_PREFIX)
    ]
    restored = NewsArticlePage.objects.get(slug="story-0")
    assert restored.lead_image.get_rendition("width-100").width == 100


def test_a_restore_shows_readers_the_restored_site_at_once(archive, client, capsys):
    """Stored pages and fragments (the banner) built before the restore are not served after."""
    story = NewsArticlePage.objects.get(slug="story-2")
    url = story.get_url()
    backed_up_title = story.title

    story.title = "Edited after the backup"
    story.save_revision().publish()
    AlertBannerFactory(message="Clinic closed after the backup")
    client.get(url)
    warm = client.get(url)
    assert warm["X-Page-Cache"] == "hit"
    assert "Edited after the backup" in visible_text(warm)
    assert "Clinic closed after the backup" in visible_text(warm)

    status, output = run_restore(archive, capsys)
    assert status == 0, output.err

    page = client.get(url)
    assert backed_up_title in visible_text(page)
    assert "Edited after the backup" not in visible_text(page)
    assert "Clinic closed after the backup" not in visible_text(page)


def test_a_restore_purges_the_cdn(archive, cdn, capsys):  # noqa: F811 - the fixture
    cdn.clear()
    status, output = run_restore(archive, capsys)
    assert status == 0, output.err
    # The whole site, at once: on a purge-only CDN, its sections, archives, feeds and sitemap
    # (caching.cdn.site_wide_addresses); stories age out.
    for address in ["/", "/text/", "/news/", "/text/news/", "/feeds/rss/", "/sitemap.xml"]:
        assert f"news.example.org{address}" in cdn


def test_a_round_trip_through_object_storage(
    bucket,  # noqa: F811 - the fixture
    site_content,
    tmp_path,
    capsys,
):
    """On S3, which has no rename, files are swapped in by copying: the same bytes come back."""

    def objects():
        return {
            item["Key"]: hashlib.sha256(
                bucket.get_object(Bucket=BUCKET, Key=item["Key"])["Body"].read()
            ).hexdigest()
            for item in bucket.list_objects_v2(Bucket=BUCKET).get("Contents", [])
        }

    before, stored = snapshot(), objects()
    assert len(stored) >= 4, "the images and the document are in the bucket"
    call_command("backup", output_dir=str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("cms-backup-*.tar.gz")
    disaster()
    assert objects() != stored

    status, output = run_restore(archive, capsys)
    assert status == 0, output.err
    assert snapshot() == before
    after = objects()
    assert after.pop("documents/uploaded-after-the-backup.pdf"), "a later upload stays"
    assert after == stored, "the same keys with the same bytes, no staging copies left"


# A bad archive


def test_a_truncated_archive_is_refused_in_one_line(archive, tmp_path, capsys):
    data = archive.read_bytes()
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(data[: len(data) // 2])
    disaster()
    assert_refused(cut, capsys, "cut short or damaged")


def test_a_file_that_is_not_an_archive_is_refused(archive, tmp_path, capsys):
    notes = tmp_path / "notes.tar.gz"
    notes.write_bytes("Notizen für die Sitzung".encode())
    disaster()
    assert_refused(notes, capsys, "not a backup archive")


def test_a_manifest_that_is_not_json_is_refused(archive, tmp_path, capsys):
    def change(name, data):
        return data[: len(data) // 2] if name == "manifest.json" else data

    damaged = rewrite(archive, tmp_path / "bad-json.tar.gz", change)
    disaster()
    assert_refused(damaged, capsys, "manifest.json is not valid JSON")


def test_a_manifest_missing_keys_is_refused(archive, tmp_path, capsys):
    def edit(manifest):
        del manifest["database_sha256"], manifest["media"]
        return manifest

    damaged = with_manifest(archive, tmp_path / "no-keys.tar.gz", edit)
    disaster()
    assert_refused(damaged, capsys, "manifest.json lacks database_sha256, media")


def test_a_manifest_naming_a_file_outside_the_media_is_refused(archive, tmp_path, capsys):
    outside = "../../settings.py"

    def edit(manifest):
        manifest["media"][outside] = hashlib.sha256(b"x").hexdigest()
        return manifest

    damaged = with_manifest(
        archive, tmp_path / "outside.tar.gz", edit, [(f"media/{outside}", b"x")]
    )
    disaster()
    assert_refused(damaged, capsys, "not a media file's name")


def test_a_media_file_that_does_not_match_its_checksum_is_refused(archive, tmp_path, capsys):
    def change(name, data):
        if name.startswith("media/original_images/"):
            return data[:-10] + b"0123456789"  # bit rot in the pictures
        return data

    damaged = rewrite(archive, tmp_path / "damaged.tar.gz", change)
    disaster()
    assert_refused(damaged, capsys, "does not match its checksum", "original_images/")


def test_a_database_copy_that_does_not_match_its_checksum_is_refused(archive, tmp_path, capsys):
    def change(name, data):
        return data[:4096] + bytes(len(data) - 4096) if name.startswith("database.") else data

    damaged = rewrite(archive, tmp_path / "damaged-db.tar.gz", change)
    disaster()
    assert_refused(damaged, capsys, "database copy does not match its checksum")


def test_an_unreadable_database_copy_is_refused(archive, tmp_path, capsys):
    """Damaged before it was archived: its checksum matches, but it does not read to the end."""
    replaced = {}

    def change(name, data):
        if name.startswith("database."):
            data = data[: len(data) // 2]
            replaced["sha"] = hashlib.sha256(data).hexdigest()
        return data

    half = rewrite(archive, tmp_path / "half.tar.gz", change)
    damaged = with_manifest(
        half,
        tmp_path / "unreadable.tar.gz",
        lambda manifest: {**manifest, "database_sha256": replaced["sha"]},
    )
    disaster()
    assert_refused(damaged, capsys, "database copy in it")


def test_a_media_file_missing_from_the_archive_is_refused(archive, tmp_path, capsys):
    damaged = rewrite(
        archive,
        tmp_path / "missing.tar.gz",
        lambda name, data: None if name.startswith("media/documents/") else data,
    )
    disaster()
    assert_refused(damaged, capsys, "listed in its manifest is missing")


# Writing fails half-way


@contextmanager
def refusing_writes(settings, tmp_path):
    """The media folder refuses every new file, rename and deletion at the OS level.

    Read-only permissions do not stop root, so as root each folder is made immutable
    (chattr +i) instead. Where root may not do that either (a container without
    CAP_LINUX_IMMUTABLE), the media folder is moved under a regular file, where no folder can be
    made (ENOTDIR): the media are then empty, but the database must still be untouched. A probe
    write proves the storage refuses before the test relies on it.
    """
    folder = default_storage.path("")
    folders = [path for path, _, _ in os.walk(folder)]
    made_immutable = []
    if os.geteuid() != 0:
        for path in folders:
            os.chmod(path, 0o555)  # noqa: S103 - read-only, for everyone
    else:
        for path in folders:
            try:
                subprocess.run(["chattr", "+i", path], capture_output=True, check=True)  # noqa: S603, S607
            except (OSError, subprocess.CalledProcessError):
                break
            made_immutable.append(path)
        if len(made_immutable) < len(folders):
            blocker = tmp_path / "not-a-folder"
            blocker.write_text("A file where the media folder should be.")
            settings.MEDIA_ROOT = blocker / "media"
    try:
        with pytest.raises(OSError):
            default_storage.save("probe.txt", ContentFile(b"probe"))
        yield
    finally:
        for path in folders:
            if path in made_immutable:
                subprocess.run(["chattr", "-i", path], check=True)  # noqa: S603, S607
            elif os.geteuid() != 0:
                os.chmod(path, 0o755)  # noqa: S103 - as the storage made it


def test_read_only_media_leaves_the_site_as_it_was(archive, settings, tmp_path, capsys):
    disaster()
    with refusing_writes(settings, tmp_path):
        line = assert_refused(archive, capsys, "could not be written")
    assert "Nothing was restored: the database and media are as they were." in line


def test_a_name_too_long_for_the_disk_undoes_the_files_already_swapped(archive, tmp_path, capsys):
    """The long name comes last, after every other file has been swapped in: they are all put
    back, the replaced ones with their bytes of before the restore, the new ones removed."""
    long_name = "original_images/" + "z" * 300 + ".jpg"
    data = b"\xff\xd8\xff\xe0 a picture with a very long name"

    def edit(manifest):
        manifest["media"][long_name] = hashlib.sha256(data).hexdigest()
        return manifest

    crafted = with_manifest(
        archive, tmp_path / "long-name.tar.gz", edit, [(f"media/{long_name}", data)]
    )
    disaster()
    folders = media_folders()
    line = assert_refused(crafted, capsys, "could not be put in place", "File name too long")
    assert media_folders() == folders, "no folder left behind"
    assert "original_images/zzzz" in line and "z" * 300 not in line, "the name is shortened"


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_failing_database_restore_on_postgresql_undoes_the_media(archive, capsys):
    """pg_restore runs in one transaction: when it stops at an error (here a view someone
    added depends on a table it must drop), nothing it did is kept, and the media swapped in
    before it are put back."""
    disaster()
    with connection.cursor() as cursor:
        cursor.execute("CREATE VIEW reporting_stories AS SELECT id, title FROM wagtailcore_page")
    try:
        assert_refused(archive, capsys, "pg_restore failed", "depend")
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM reporting_stories")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP VIEW IF EXISTS reporting_stories")


# The archive itself


def test_the_archive_is_readable_by_its_owner_only(site_content, tmp_path):
    previous = os.umask(0)  # the most permissive umask: the mode must not depend on it
    try:
        call_command("backup", output_dir=str(tmp_path / "backups"))
    finally:
        os.umask(previous)
    (archive,) = (tmp_path / "backups").iterdir()
    assert archive.name.startswith("cms-backup-"), "no partial file left"
    assert archive.stat().st_mode & 0o777 == 0o600


def test_backup_and_restore_stream_a_large_file_in_constant_memory(site_content, tmp_path, capsys):
    """A 50 MB video: traced memory stays under a tenth of its size, both ways (reading it
    whole would take 50 MB at least)."""
    size = 50 * MB
    digest = hashlib.sha256()
    path = default_storage.path("documents/clinic-tour.mp4")
    with open(path, "wb") as file:
        for _ in range(size // MB):
            chunk = os.urandom(MB)  # incompressible, as video is
            digest.update(chunk)
            file.write(chunk)

    tracemalloc.start()
    try:
        call_command("backup", output_dir=str(tmp_path / "backups"))
        _, backup_peak = tracemalloc.get_traced_memory()
        (archive,) = (tmp_path / "backups").glob("cms-backup-*.tar.gz")
        assert archive.stat().st_size > size
        os.remove(path)
        tracemalloc.reset_peak()
        status, output = run_restore(archive, capsys)
        _, restore_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert status == 0, output.err
    with open(path, "rb") as file:
        assert hashlib.file_digest(file, "sha256").hexdigest() == digest.hexdigest()
    assert backup_peak < size / 10, f"backup peaked at {backup_peak / MB:.1f} MB"
    assert restore_peak < size / 10, f"restore peaked at {restore_peak / MB:.1f} MB"
