"""Backup archives of the whole site: the database and every media file, in one .tar.gz.

The database is copied with SQLite's online backup API or with pg_dump (custom format), so a
backup can run while the site serves readers. Media files are read through Django's storage, so
local disk and S3-compatible buckets back up the same way. A manifest lists each file with its
SHA-256, and a restore checks the archive against it before touching anything.
"""

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

MANIFEST = "manifest.json"
SQLITE_DUMP = "database.sqlite3"
POSTGRES_DUMP = "database.pgdump"


class BackupError(Exception):
    pass


def media_names(storage=default_storage, folder=""):
    """Every file in the storage, depth first, as storage names."""
    folders, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        yield from media_names(storage, f"{folder}/{name}" if folder else name)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


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
        raise BackupError(f"{args[0]} failed: {result.stderr.strip()}")


def dump_database(folder):
    if connection.vendor == "sqlite":
        target = folder / SQLITE_DUMP
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        return target
    if connection.vendor == "postgresql":
        target = folder / POSTGRES_DUMP
        run_postgres_tool("pg_dump", "--format=custom", "--no-owner", f"--file={target}")
        return target
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")


def create_backup(output_dir):
    """Write a timestamped archive into output_dir and return its path."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    archive_path = output_dir / f"cms-backup-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as tmp:
        dump = dump_database(Path(tmp))
        manifest = {"created_at": stamp, "database": connection.vendor, "media": {}}
        with tarfile.open(archive_path, "w:gz") as archive:
            archive.add(dump, arcname=dump.name)
            manifest["database_sha256"] = sha256(dump.read_bytes())
            for name in media_names():
                with default_storage.open(name) as media_file:
                    data = media_file.read()
                manifest["media"][name] = sha256(data)
                info = tarfile.TarInfo(f"media/{name}")
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
            body = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(body)
            archive.addfile(info, io.BytesIO(body))
    return archive_path


def read_archive(archive_path):
    """The manifest and the members, checked against each other before anything is restored."""
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            contents = {
                member.name: archive.extractfile(member).read()
                for member in archive.getmembers()
                if member.isfile()
            }
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{archive_path} is not a backup archive: {error}") from error
    if MANIFEST not in contents:
        raise BackupError(f"{archive_path} has no {MANIFEST}: not made by the backup command.")
    manifest = json.loads(contents[MANIFEST])
    dump_name = SQLITE_DUMP if manifest["database"] == "sqlite" else POSTGRES_DUMP
    if sha256(contents.get(dump_name, b"")) != manifest["database_sha256"]:
        raise BackupError("The database copy in the archive is damaged.")
    for name, digest in manifest["media"].items():
        if sha256(contents.get(f"media/{name}", b"")) != digest:
            raise BackupError(f"The media file {name} in the archive is damaged.")
    return (
        manifest,
        contents[dump_name],
        {name: contents[f"media/{name}"] for name in manifest["media"]},
    )


def restore_backup(archive_path):
    """Replace the database and media with the archive's. Returns the manifest."""
    manifest, database, media = read_archive(archive_path)
    if manifest["database"] != connection.vendor:
        raise BackupError(
            f"The archive holds a {manifest['database']} database; this site runs on "
            f"{connection.vendor}."
        )
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "database"
        dump.write_bytes(database)
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(dump) as source:
                source.backup(connection.connection)
            source.close()
        else:
            connection.close()
            run_postgres_tool(
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={postgres_environment()['PGDATABASE']}",
                str(dump),
            )
    for name, data in media.items():
        if default_storage.exists(name):
            default_storage.delete(name)
        default_storage.save(name, ContentFile(data))
    return manifest
