"""``payung import FILE --programme ID [--village CODE] [--dry-run] [--valid-only]``.

The same stages as the web import: the file is hashed (the same file twice opens the earlier
batch), every row is checked before anything is written, a preview is printed, then the valid
rows are committed in chunks. ``--dry-run`` checks and previews inside a transaction that is
rolled back, so nothing at all is kept.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from payung.access.actor import Actor, CommandLine
from payung.accounts.models import User
from payung.domain.errors import DomainError, message_for
from payung.imports.models import BatchStatus, CommitMode, ImportBatch
from payung.imports.services import batch_commit, batch_upload, batch_validate
from payung.programmes.models import Programme


class _DryRun(Exception):
    pass


def _bar(label: str):  # type: ignore[no-untyped-def]
    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


class Command(BaseCommand):
    help = (
        "Impor daftar pekerja dari .xlsx/.xls/.ods/.csv / "
        "import a worker list from .xlsx, .xls, .ods or .csv."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--programme", type=int, required=True, help="programme id")
        parser.add_argument("--village", help="village code for rows without a village column")
        parser.add_argument(
            "--user", help="acting username (default: the command line, `payung import`)"
        )
        parser.add_argument("--dry-run", action="store_true", help="check and preview only")
        parser.add_argument(
            "--valid-only", action="store_true", help="commit the valid rows even if others fail"
        )
        parser.add_argument("--lang", default="id", choices=["id", "en"])

    def handle(self, *args: object, **options: object) -> None:
        path = Path(str(options["file"]))
        if not path.is_file():
            raise CommandError(f"berkas tidak ada / no such file: {path}")
        lang = str(options["lang"])
        actor: Actor = CommandLine(name="payung import")
        if options.get("user"):
            user = User.objects.filter(username=options["user"], is_active=True).first()
            if user is None:
                raise CommandError(f"unknown or inactive user {options['user']}")
            actor = user
        try:
            programme = Programme.objects.get(pk=int(str(options["programme"])))
        except Programme.DoesNotExist:
            raise CommandError(f"no programme {options['programme']}") from None
        try:
            if options["dry_run"]:
                with transaction.atomic():
                    self._run(actor, programme, path, options, lang, commit=False)
                    raise _DryRun
            self._run(actor, programme, path, options, lang, commit=True)
        except _DryRun:
            self.stdout.write("--dry-run: tidak ada yang disimpan / nothing was saved.")
        except DomainError as error:
            raise CommandError(f"{error.code}: {error.message(lang)}") from None

    def _run(
        self,
        actor: Actor,
        programme: Programme,
        path: Path,
        options: dict[str, object],
        lang: str,
        *,
        commit: bool,
    ) -> None:
        upload = batch_upload(
            actor=actor,
            programme=programme,
            path=path,
            file_name=path.name,
            village_code=str(options["village"]) if options.get("village") else None,
        )
        batch = upload.batch
        if upload.reopened:
            self.stdout.write(
                f"Berkas yang sama sudah diunggah: impor #{batch.pk} ({batch.status})."
            )
        if batch.status in (BatchStatus.UPLOADED, BatchStatus.VALIDATED):
            batch = batch_validate(actor=actor, batch=batch, progress=_bar("periksa/validate"))
        self._preview(batch, lang)
        if batch.status in (BatchStatus.REFUSED, BatchStatus.NEEDS_MAPPING) or not commit:
            return
        if batch.status in (BatchStatus.VALIDATED, BatchStatus.COMMITTING):
            mode = CommitMode.VALID_ONLY if options["valid_only"] else CommitMode.ALL_VALID
            batch = batch_commit(actor=actor, batch=batch, mode=mode, progress=_bar("simpan/save"))
        self.stdout.write(f"Disimpan / committed: {batch.rows_committed} baris/rows.")

    def _preview(self, batch: ImportBatch, lang: str) -> None:
        self.stdout.write(f"Impor #{batch.pk}: {batch.file_name} — {batch.status}")
        if batch.status == BatchStatus.REFUSED:
            self.stdout.write(
                f"  {batch.refusal_code}: "
                + message_for(batch.refusal_code, lang, **batch.refusal_params)
            )
            return
        if batch.status == BatchStatus.NEEDS_MAPPING:
            self.stdout.write(
                f"  kolom wajib tidak ditemukan / missing: {batch.summary['missing']}"
            )
            return
        self.stdout.write(f"  baris/rows: {batch.rows_total}")
        for outcome, count in sorted(batch.summary.get("outcomes", {}).items()):
            self.stdout.write(f"  {outcome:<20} {count}")
        for code, count in sorted(batch.summary.get("codes", {}).items(), key=lambda x: -x[1]):
            self.stdout.write(f"    {code:<32} {count}")
        for note in batch.summary.get("notes", []):
            self.stdout.write(f"  ! {note}: {message_for(note, lang)}")
