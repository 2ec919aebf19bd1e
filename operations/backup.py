"""Backup archives of the whole site: the database and every media file, in one .tar.gz.

The database is copied with SQLite's online backup API or with pg_dump (custom format), so a
backup can run while the site serves readers. Media files are read through Django's storage, so
local disk and S3-compatible buckets back up the same way. Files are streamed in chunks, never
held whole in memory. A manifest lists each file with its SHA-256. The archive holds password
hashes and sessions, so only its owner can read it (mode 0600).

A restore is all or nothing:

1. the whole archive is checked first: the manifest's shape, every member present with its
   SHA-256, and the database copy readable from end to end;
2. media files are written under temporary names in a staging folder of the storage, then
   swapped into place one by one, each replaced file set aside;
3. the database is replaced last, in one transaction (SQLite's backup API, or pg_restore
   --single-transaction), so a failure leaves it untouched;
4. on any failure the media swapped so far are put back as they were and the database is left
   alone; on success the set-aside files are removed and every cache is emptied (stored pages,
   fragments, Wagtail's own entries) and the CDN purged, so readers see the restored site.
"""

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import uuid
import zlib
from pathlib import Path, PurePosixPath

from django.core.cache import caches
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection

from caching import cdn
from core.generation import bump_generation

logger = logging.getLogger(__name__)

MANIFEST = "manifest.json"
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MEDIA_PREFIX = "media/"
# A restore stages its files under this folder of the storage; a backup never includes it.
STAGING_PREFIX = ".restore-"
CHUNK = 256 * 1024
# A manifest lists names and sums only: far below this even for a very large site.
MANIFEST_LIMIT = 64 * 1024 * 1024
SHA256 = re.compile(r"[0-9a-f]{64}")
# What reading a damaged or cut-short .tar.gz can raise.
ARCHIVE_ERRORS = (OSError, EOFError, tarfile.TarError, zlib.error)


class BackupError(Exception):
    """A backup or restore that could not be done; the message is one line for a person."""


def media_names(storage=default_storage, folder=""):
    """Every file in the storage, depth first, as storage names (staging folders left out)."""
    folders, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        if not folder and name.startswith(STAGING_PREFIX):
            continue
        yield from media_names(storage, f"{folder}/{name}" if folder else name)


class HashingReader:
    """A file's reads, passed on unchanged, with their SHA-256 kept on the way."""

    closed = False

    def __init__(self, file):
        self.file = file
        self.hash = hashlib.sha256()

    def seekable(self):
        return False  # read once, front to back, as a stream from the archive

    def read(self, size=CHUNK):
        data = self.file.read(size if size is not None and size >= 0 else CHUNK)
        self.hash.update(data)
        return data

    def hexdigest(self):
        return self.hash.hexdigest()


def copy_hashed(source, target):
    """Copy one file object to another in chunks; return the SHA-256 of what was copied."""
    reader = HashingReader(source)
    while data := reader.read(CHUNK):
        target.write(data)
    return reader.hexdigest()


def short(name, limit=80):
    return name if len(name) <= limit else f"{name[: limit - 1]}…"


def postgres_environment():
    settings = connection.settings_dict
    return {
        **os.environ,
        "PGHOST": settings["HOST"] or "localhost",
        "PGPORT": str(settings["PORT"] or 5432),
        "PGUSER": settings["USER"],
        "PGPASSWORD": settings["PASSWORD"],
        "PGDATABASE": settings["NAME"],
    }


def run_postgres_tool(*args):
    tool = shutil.which(args[0])
    if tool is None:
        raise BackupError(f"{args[0]} is not installed (Debian package postgresql-client).")
    result = subprocess.run(  # noqa: S603 - PostgreSQL's own client tools
        [tool, *args[1:]], env=postgres_environment(), capture_output=True, text=True, check=False
    )
    if result.returncode:
        # The first error is the cause; pg_restore repeats it in a summary after.
        lines = [line for line in result.stderr.splitlines() if line.strip()] or ["no message"]
        raise BackupError(f"{args[0]} failed: {lines[0].strip()}")


# Backup


def dump_database(folder):
    if connection.vendor == "sqlite":
        target = folder / DUMPS["sqlite"]
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        return target
    if connection.vendor == "postgresql":
        target = folder / DUMPS["postgresql"]
        run_postgres_tool("pg_dump", "--format=custom", "--no-owner", f"--file={target}")
        return target
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")


def add_member(archive, name, size, file):
    """Stream ``size`` bytes of ``file`` into the archive; return their SHA-256."""
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
    reader = HashingReader(file)
    archive.addfile(info, reader)
    return reader.hexdigest()


def create_backup(output_dir, storage=default_storage):
    """Write a timestamped archive into output_dir and return its path.

    The archive is written under a temporary name and renamed when complete, so a backup that
    fails leaves no archive that looks whole.
    """
    output_dir = Path(output_dir)
    output_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    archive_path = output_dir / f"cms-backup-{stamp}.tar.gz"
    partial = output_dir / f".{archive_path.name}.partial"
    try:
        # 0600 whatever the umask: the archive holds password hashes and sessions.
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.fchmod(descriptor, 0o600)
    except OSError as error:
        raise BackupError(f"Could not write to {output_dir}: {error.strerror}.") from error
    try:
        with (
            os.fdopen(descriptor, "wb") as output,
            tempfile.TemporaryDirectory() as tmp,
            tarfile.open(fileobj=output, mode="w:gz", compresslevel=6) as archive,
        ):
            dump = dump_database(Path(tmp))
            manifest = {"created_at": stamp, "database": connection.vendor, "media": {}}
            with dump.open("rb") as database:
                manifest["database_sha256"] = add_member(
                    archive, dump.name, dump.stat().st_size, database
                )
            for name in media_names(storage):
                with storage.open(name, "rb") as media_file:
                    manifest["media"][name] = add_member(
                        archive, MEDIA_PREFIX + name, storage.size(name), media_file
                    )
            body = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            add_member(archive, MANIFEST, len(body), _BytesReader(body))
        os.replace(partial, archive_path)
    except BaseException as error:
        partial.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise BackupError(f"The backup failed: {error}.") from error
        raise
    return archive_path


class _BytesReader:
    def __init__(self, data):
        self.data, self.position = data, 0

    def read(self, size=-1):
        end = len(self.data) if size is None or size < 0 else self.position + size
        chunk = self.data[self.position : end]
        self.position += len(chunk)
        return chunk


# Checking an archive


def check_manifest(body):
    """The manifest as a dict, or BackupError saying what is wrong with it."""
    try:
        manifest = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"Its {MANIFEST} is not valid JSON ({error}).") from error
    if not isinstance(manifest, dict):
        raise BackupError(f"Its {MANIFEST} is not a JSON object.")
    missing = [
        key for key in ("created_at", "database", "database_sha256", "media") if key not in manifest
    ]
    if missing:
        raise BackupError(f"Its {MANIFEST} lacks {', '.join(missing)}.")
    if manifest["database"] not in DUMPS:
        raise BackupError(f"Its {MANIFEST} names an unknown database, {manifest['database']!r}.")
    if not isinstance(manifest["database_sha256"], str) or not SHA256.fullmatch(
        manifest["database_sha256"]
    ):
        raise BackupError(f"Its {MANIFEST} has no valid SHA-256 for the database.")
    if not isinstance(manifest["media"], dict):
        raise BackupError(f"Its {MANIFEST} lists media in an unknown form.")
    for name, digest in manifest["media"].items():
        if not safe_media_name(name):
            raise BackupError(f"Its {MANIFEST} lists {short(name)!r}, not a media file's name.")
        if not isinstance(digest, str) or not SHA256.fullmatch(digest):
            raise BackupError(f"Its {MANIFEST} has no valid SHA-256 for {short(name)}.")
    return manifest


def safe_media_name(name):
    """A relative name inside the storage: no absolute path, no '..', not a staging folder."""
    if not isinstance(name, str) or not name or "\\" in name or "\x00" in name:
        return False
    parts = PurePosixPath(name).parts
    return (
        not name.startswith("/")
        and not name.endswith("/")
        and all(part not in {"", ".", ".."} for part in parts)
        and not parts[0].startswith(STAGING_PREFIX)
    )


def check_database_copy(path, vendor):
    """The database copy opens and reads from end to end, without touching the site's."""
    if vendor == "sqlite":
        try:
            copy = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
            try:
                (result,) = copy.execute("PRAGMA integrity_check").fetchone()
                copy.execute("SELECT count(*) FROM django_migrations").fetchone()
            finally:
                copy.close()
        except sqlite3.Error as error:
            raise BackupError(f"The database copy in it cannot be read ({error}).") from error
        if result != "ok":
            raise BackupError(f"The database copy in it is damaged ({result}).")
    else:
        try:
            # Reads every table's data, as a restore would, and writes the SQL nowhere.
            run_postgres_tool("pg_restore", "--file=/dev/null", str(path))
        except BackupError as error:
            raise BackupError(f"The database copy in it cannot be read ({error}).") from error


def check_archive(archive_path, folder):
    """Read the whole archive once, check it, and leave its database copy in ``folder``.

    Returns the manifest and the path of the database copy. Raises BackupError, whose message
    names the archive and says what is wrong, before anything of the site is touched.
    """
    try:
        return _check_archive(Path(archive_path), Path(folder))
    except BackupError as error:
        raise BackupError(f"{archive_path}: {error} Nothing was restored.") from error


def _check_archive(archive_path, folder):
    if not archive_path.is_file():
        raise BackupError("No such file.")
    digests, manifest_body, dump_path = {}, None, None
    try:
        archive = tarfile.open(archive_path, "r|gz")  # noqa: SIM115 - closed by `with` below
    except ARCHIVE_ERRORS as error:
        raise BackupError(f"It is not a backup archive ({error}).") from error
    try:
        with archive:
            for member in archive:
                if not member.isfile():
                    continue
                if member.name in digests or (member.name == MANIFEST and manifest_body):
                    raise BackupError(f"It holds {short(member.name)} twice.")
                source = archive.extractfile(member)
                if member.name == MANIFEST:
                    if member.size > MANIFEST_LIMIT:
                        raise BackupError(f"Its {MANIFEST} is too large to be a manifest.")
                    manifest_body = source.read()
                elif member.name in DUMPS.values():
                    dump_path = folder / member.name
                    with dump_path.open("wb") as target:
                        digests[member.name] = copy_hashed(source, target)
                elif member.name.startswith(MEDIA_PREFIX):
                    digests[member.name] = copy_hashed(source, _Discard())
                else:
                    raise BackupError(f"It holds {short(member.name)}, which a backup does not.")
    except ARCHIVE_ERRORS as error:
        raise BackupError(f"It is cut short or damaged ({error}).") from error
    if manifest_body is None:
        raise BackupError(f"It has no {MANIFEST}: it was not made by manage.py backup.")
    manifest = check_manifest(manifest_body)
    if manifest["database"] != connection.vendor:
        raise BackupError(
            f"It holds a {manifest['database']} database; this site runs on {connection.vendor}."
        )
    dump_name = DUMPS[manifest["database"]]
    if dump_name not in digests:
        raise BackupError(f"It has no database copy ({dump_name}).")
    if digests[dump_name] != manifest["database_sha256"]:
        raise BackupError("Its database copy does not match its checksum: the archive is damaged.")
    for name, digest in manifest["media"].items():
        found = digests.get(MEDIA_PREFIX + name)
        if found is None:
            raise BackupError(f"The media file {short(name)} listed in its manifest is missing.")
        if found != digest:
            raise BackupError(
                f"The media file {short(name)} does not match its checksum: the archive is damaged."
            )
    listed = {MEDIA_PREFIX + name for name in manifest["media"]} | {dump_name}
    unlisted = sorted(set(digests) - listed)
    if unlisted:
        raise BackupError(f"It holds {short(unlisted[0])}, which its manifest does not list.")
    check_database_copy(dump_path, manifest["database"])
    return manifest, dump_path


class _Discard:
    def write(self, data):
        pass


# Restoring


class MediaSwap:
    """Media files written under temporary names, swapped into place, and undone on failure.

    Everything lives in one staging folder of the storage, ``.restore-<time>-<random>/``:
    ``new/<n>`` holds the archive's files until they are swapped in, ``previous/<n>`` the files
    they replace until the restore is complete. On local disk each move is a rename
    (``os.replace``); on object storage, which has no rename, a copy then a delete.
    """

    def __init__(self, storage):
        self.storage = storage
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
        self.folder = f"{STAGING_PREFIX}{stamp}-{uuid.uuid4().hex[:8]}"
        self.staged = {}  # name -> staged name
        self.swapped = []  # (name, name it was set aside under, or None)
        self.created_folders = []  # local folders made for new files, removed on roll back
        self.current = None  # the file being swapped in
        try:
            storage.path("")
            self.local = True
        except NotImplementedError:
            self.local = False

    def stage(self, name, file):
        """Write one file of the archive under a temporary name; return its SHA-256."""
        reader = HashingReader(file)
        staged = self.storage.save(f"{self.folder}/new/{len(self.staged)}", File(reader))
        self.staged[name] = staged
        return reader.hexdigest()

    def swap_in(self):
        for number, (name, staged) in enumerate(self.staged.items()):
            self.current = name
            previous = None
            if self.storage.exists(name):
                previous = self._move(name, f"{self.folder}/previous/{number}")
            self.swapped.append((name, previous))
            self._move(staged, name)

    def roll_back(self):
        """Put every file back as it was before the restore, and remove the staging folder."""
        for name, previous in reversed(self.swapped):
            if self.storage.exists(name):
                self.storage.delete(name)
            if previous is not None:
                self._move(previous, name)
        for folder in reversed(self.created_folders):
            with contextlib.suppress(OSError):  # not empty: something else was put there
                folder.rmdir()
        self.remove_staging()

    def remove_staging(self):
        if self.local:
            shutil.rmtree(self.storage.path(self.folder), ignore_errors=True)
            return
        for name in list(media_names(self.storage, self.folder)):
            self.storage.delete(name)

    def _move(self, source, target):
        if self.local:
            target_path = Path(self.storage.path(target))
            missing = []
            folder = target_path.parent
            while not folder.exists():
                missing.append(folder)
                folder = folder.parent
            for folder in reversed(missing):
                folder.mkdir()
                if not str(target).startswith(self.folder):
                    self.created_folders.append(folder)
            os.replace(self.storage.path(source), target_path)
            return target
        with self.storage.open(source, "rb") as file:
            saved = self.storage.save(target, file)
        if saved != target:
            self.storage.delete(saved)
            raise OSError(f"the storage saved {short(target)} as {short(saved)}")
        self.storage.delete(source)
        return target


def replace_database(dump_path):
    """Replace the whole database with the copy, in one transaction: all of it or none."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        try:
            with sqlite3.connect(dump_path) as source:
                # One step (pages=-1): SQLite writes the copy in one transaction on the site's
                # database and rolls it back if the step fails.
                source.backup(connection.connection, pages=-1)
            source.close()
        except sqlite3.Error as error:
            raise BackupError(f"The database could not be replaced ({error}).") from error
        finally:
            connection.close()
    else:
        connection.close()
        # With --single-transaction, pg_restore stops at the first error and nothing it did is
        # committed: the database stays as it was.
        run_postgres_tool(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={postgres_environment()['PGDATABASE']}",
            str(dump_path),
        )


def stage_media(archive_path, manifest, swap):
    """Second pass over the archive: each media file written under its temporary name."""
    with tarfile.open(archive_path, "r|gz") as archive:
        for member in archive:
            if not member.isfile() or not member.name.startswith(MEDIA_PREFIX):
                continue
            name = member.name.removeprefix(MEDIA_PREFIX)
            try:
                digest = swap.stage(name, archive.extractfile(member))
            except OSError as error:
                raise BackupError(
                    f"The media file {short(name)} could not be written "
                    f"({error.strerror or error})."
                ) from error
            if digest != manifest["media"].get(name):
                raise BackupError(f"The archive changed while {short(name)} was read from it.")
    if len(swap.staged) != len(manifest["media"]):
        raise BackupError("The archive changed while it was read: files are missing from it.")


def invalidate_caches():
    """Readers see the restored site at once: every cache emptied, the CDN purged.

    Everything in the caches was built from the database and media the restore replaced:
    stored pages and fragments (caching.page_cache, core.fragments), Wagtail's site root paths,
    counts. A fresh generation token (core.generation) is set after, as for any change.
    """
    for cache in caches.all(initialized_only=False):
        cache.clear()
    bump_generation()
    # Sent now rather than by the scheduler: whoever restores wants readers to see it at once.
    cdn.record(cdn.EVERYTHING)
    cdn.send_pending()


def restore_backup(archive_path, storage=default_storage):
    """Replace the database and media with the archive's, all or nothing. Returns the manifest."""
    with tempfile.TemporaryDirectory() as tmp:
        manifest, dump_path = check_archive(archive_path, tmp)
        swap = MediaSwap(storage)
        try:
            stage_media(archive_path, manifest, swap)
            try:
                swap.swap_in()
            except OSError as error:
                raise BackupError(
                    f"The media file {short(swap.current)} could not be put in place "
                    f"({error.strerror or error})."
                ) from error
            replace_database(dump_path)
        except BaseException as error:
            try:
                swap.roll_back()
            except Exception as rollback_error:
                logger.exception("Could not put the media back")
                raise BackupError(
                    f"{archive_path}: the restore failed ({error}) and the media files could "
                    f"not all be put back ({rollback_error}); the files it replaced are in "
                    f"{swap.folder}/previous/ of the media storage. The database is unchanged."
                ) from error
            if isinstance(error, BackupError):
                raise BackupError(
                    f"{archive_path}: {error} Nothing was restored: the database and media are "
                    "as they were."
                ) from error
            if isinstance(error, (*ARCHIVE_ERRORS, sqlite3.Error)):
                raise BackupError(
                    f"{archive_path}: the restore failed ({error}). Nothing was restored: the "
                    "database and media are as they were."
                ) from error
            raise
        try:
            swap.remove_staging()
        except OSError:
            logger.exception("Could not remove the restore's staging folder %s", swap.folder)
    invalidate_caches()
    return manifest
