"""What an import page asks for is one service each (``import_upload_request``,
``import_mapping_request``, ``import_commit_request``): every check is the service's, and the
page only renders what it answers, so the command line or an API can ask the same way."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from payung.domain.errors import DomainError
from payung.imports.models import BatchStatus, CommitMode
from payung.imports.services import (
    import_commit_request,
    import_mapping_request,
    import_upload_request,
)
from payung.jobs.models import Job
from payung.registry.models import Person
from tests.integration.test_import import ROWS, _xlsx
from tests.integration.test_import_nothing_silent import NOT_ALL_VALID_ID, _validated

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(demo):
    return demo["users"]["operator.desa"]


def test_a_valid_request_queues_one_commit_job_and_a_second_queues_none(
    operator, demo, tmp_path, django_capture_on_commit_callbacks
):
    batch = _validated(operator, demo["bogor"], _xlsx(tmp_path / "desa.xlsx", rows=ROWS[:2]))

    with django_capture_on_commit_callbacks(execute=False):
        job = import_commit_request(actor=operator, batch=batch, mode="all_valid")
        again = import_commit_request(actor=operator, batch=batch, mode="all_valid")

    assert job is not None
    assert job.kind == "import.commit"
    assert job.params == {"batch": batch.pk, "mode": "all_valid"}
    assert job.region_id == batch.scope_region_id
    assert again is None  # a double click: the queued job is the one commit
    assert Job.objects.filter(kind="import.commit").count() == 1
    batch.refresh_from_db()
    assert batch.status == BatchStatus.VALIDATED  # the job does the saving, not the request
    assert Person.objects.count() == 0


def test_every_refusal_is_a_domain_error_and_queues_nothing(operator, demo, tmp_path):
    batch = _validated(operator, demo["bogor"], _xlsx(tmp_path / "desa.xlsx"))

    with pytest.raises(DomainError) as unknown:
        import_commit_request(actor=operator, batch=batch, mode="everything")
    with pytest.raises(DomainError) as not_all_valid:
        import_commit_request(actor=operator, batch=batch, mode=CommitMode.ALL_VALID)
    batch.status = BatchStatus.COMMITTING
    batch.save(update_fields=["status"])
    with pytest.raises(DomainError) as committing:
        import_commit_request(actor=operator, batch=batch, mode=CommitMode.VALID_ONLY)

    assert (unknown.value.code, unknown.value.params) == (
        "import.state",
        {"status": "validated", "step": "commit"},
    )
    assert not_all_valid.value.code == "import.not_all_valid"
    assert not_all_valid.value.message("id") == NOT_ALL_VALID_ID
    assert (committing.value.code, committing.value.params) == (
        "import.state",
        {"status": "committing", "step": "commit"},
    )
    assert not Job.objects.filter(kind="import.commit").exists()


def test_a_user_who_does_not_collect_data_may_not_ask(operator, demo, tmp_path):
    batch = _validated(operator, demo["bogor"], _xlsx(tmp_path / "desa.xlsx", rows=ROWS[:2]))

    with pytest.raises(PermissionDenied):
        import_commit_request(
            actor=demo["users"]["verifikator"], batch=batch, mode=CommitMode.VALID_ONLY
        )

    assert not Job.objects.filter(kind="import.commit").exists()


def test_an_upload_queues_its_check_once_and_the_same_file_again_queues_nothing(
    operator, demo, tmp_path, django_capture_on_commit_callbacks
):
    path = _xlsx(tmp_path / "desa.xlsx", rows=ROWS[:2])

    with django_capture_on_commit_callbacks(execute=False):
        first = import_upload_request(
            actor=operator, programme=demo["bogor"], path=path, file_name="desa.xlsx"
        )
        again = import_upload_request(
            actor=operator, programme=demo["bogor"], path=path, file_name="desa.xlsx"
        )

    assert (first.reopened, again.reopened) == (False, True)
    assert again.batch == first.batch
    assert list(Job.objects.values_list("kind", "params")) == [
        ("import.validate", {"batch": first.batch.pk})
    ]


def test_columns_matched_by_hand_are_checked_again_keeping_only_known_fields(
    operator, demo, tmp_path, django_capture_on_commit_callbacks
):
    batch = _validated(operator, demo["bogor"], _xlsx(tmp_path / "desa.xlsx", rows=ROWS[:2]))
    columns = {1: "nik", 2: "full_name", 3: "shoe_size", 4: None, 99: "sex"}

    with django_capture_on_commit_callbacks(execute=False):
        job = import_mapping_request(actor=operator, batch=batch, columns=columns)

    assert job.kind == "import.validate"
    assert job.params == {"batch": batch.pk, "mapping": {"1": "nik", "2": "full_name"}}


def test_columns_of_a_saved_import_cannot_be_matched_again(operator, demo, tmp_path):
    batch = _validated(operator, demo["bogor"], _xlsx(tmp_path / "desa.xlsx", rows=ROWS[:2]))
    batch.status = BatchStatus.COMMITTED
    batch.save(update_fields=["status"])

    with pytest.raises(DomainError) as refused:
        import_mapping_request(actor=operator, batch=batch, columns={1: "nik"})

    assert (refused.value.code, refused.value.params) == (
        "import.state",
        {"status": "committed", "step": "validate"},
    )
    assert not Job.objects.exists()


def test_the_mapping_page_posts_the_columns_and_goes_back_to_the_preview(
    client, operator, demo, tmp_path, django_capture_on_commit_callbacks
):
    batch = _validated(operator, demo["bogor"], _xlsx(tmp_path / "desa.xlsx", rows=ROWS[:2]))
    client.force_login(operator)

    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            f"/imports/{batch.pk}/mapping/", {"col1": "nik", "col2": "full_name", "col3": "?"}
        )

    assert response.status_code == 302
    assert response["Location"] == f"/imports/{batch.pk}/"
    job = Job.objects.get(kind="import.validate")
    assert job.params == {"batch": batch.pk, "mapping": {"1": "nik", "2": "full_name"}}


def test_a_check_that_ends_while_the_page_is_read_shows_its_result_not_uploaded(
    operator, demo, tmp_path, django_capture_on_commit_callbacks, monkeypatch
):
    """The race a busy CI hit: the page read the batch (uploaded), the job finished, then the
    page read the job (done, so no polling): the page said "Diunggah" for ever. The page reads
    the job first and the batch after a finished job."""
    from payung.imports import views
    from payung.imports.models import ImportBatch
    from payung.jobs.services import job_run_pending

    path = tmp_path / "hanya-judul.csv"
    path.write_text("NIK;Nama;L/P;Tgl Lahir;Pekerjaan\r\n", encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=False):
        upload = import_upload_request(
            actor=operator, programme=demo["bogor"], path=path, file_name="hanya-judul.csv"
        )
    stale = ImportBatch.objects.get(pk=upload.batch.pk)
    assert stale.status == BatchStatus.UPLOADED
    job_run_pending()  # the check ends after the page read the batch
    context = views._detail_context(stale)
    assert context["running"] is False
    assert context["batch"].status == BatchStatus.REFUSED
    assert context["refusal"]  # the refusal in words, not an empty page
