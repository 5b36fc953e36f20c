"""Regional scope: a village operator reaches nothing outside their village, by any route.

The route table below must name every URL pattern of the project (the test fails when a new
route is added without saying how its scope is checked), and each out-of-scope read must answer
"not found" (404) or, for list pages, simply leave the foreign records out.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from payung.audit.models import AuditEvent
from payung.domain.roles import Role
from payung.programmes.models import ProgrammeArea
from tests.builders import COMMAND_LINE

pytestmark = pytest.mark.django_db

OWN_VILLAGE = "32.01.20.2006"  # the demo operator's village (Parungpanjang)
OTHER_VILLAGE = "32.01.01.1001"  # a kelurahan of Kec. Cibinong, Kabupaten Bogor
NEIGHBOUR_VILLAGE = "32.01.20.2001"  # same district as the operator

# Routes that hold no regional record: reaching them tells nothing about another village.
UNSCOPED_ROUTES = {"home", "login", "logout", "set_language", "healthz"}
# Public by design (ADR 0044): aggregates only, with small numbers withheld; no login. What they
# may show is tested in tests/integration/test_public_page.py.
PUBLIC_ROUTES = {
    "public_programme_list",
    "public_programme",
    "public_data_csv",
    "public_data_json",
    "public_metadata",
    "public_complaint",
    "public_complaint_status",
}


def _route_names(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{pattern.namespace}:" if pattern.namespace else prefix
            yield from _route_names(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + pattern.name


def _login(client, demo, username):
    client.force_login(demo["users"][username])
    return client


def test_every_route_is_covered_by_this_test():
    checked = {
        "programme_list",
        "programme_detail",
        "programme_area_detail",
        "programme_area_export",
        "audit_list",
        "audit_detail",
        "api_programme_list",
        "api_programme_detail",
        "import_template",
        "person_list",
        "person_create",
        "person_check",
        "person_detail",
        "person_reveal_nik",
        "import_list",
        "import_new",
        "import_detail",
        "import_status",
        "import_commit",
        "import_mapping",
        "import_errors",
        "pair_list",
        "pair_scan",
        "pairs_decide",
        "pair_detail",
        "pair_decide",
        "external_lists",
        "person_edit",
        "api_worker_register",
        "candidate_list",
        "candidates_act",
        "candidate_detail",
        "candidate_act",
        "ruleset",
        "places",
        "registration_list",
        "registration_detail",
        "registration_export",
        "registration_answer",
        "enrolment_detail",
        "enrolment_end",
        "coverage_check",
        "programme_renew",
        "finance_home",
        "bills_issue",
        "bill_adjust",
        "arrears",
        "invoice_import",
        "reconciliation",
        "budget",
        "rates",
        "bill_detail",
        "claim_list",
        "claim_report",
        "claim_detail",
        "claim_document_upload",
        "claim_document_open",
        "claim_packet",
        "claim_export",
        "unclaimed_list",
        "unclaimed_close",
        "claim_act",
        "claim_details",
        "claim_child_add",
        "claim_child_remove",
        "dashboard",
        "reports_index",
        "village_report",
        "programme_report",
        "district_report",
        "claims_report",
        "reconciliation_report",
        "kept_list",
        "kept_request",
        "kept_download",
        "complaint_list",
        "complaint_new",
        "complaint_detail",
        "complaint_step",
        "complaint_close",
        "boundary_page",  # tests/integration/test_boundaries.py: the regency admin's own only
        "boundary_end",
    }
    names = {n for n in _route_names(get_resolver().url_patterns) if not n.startswith("admin:")}
    assert names - UNSCOPED_ROUTES - PUBLIC_ROUTES == checked
    assert names >= PUBLIC_ROUTES


def test_operator_gets_not_found_for_another_village_by_every_route(client, demo):
    bogor, lebak = demo["bogor"], demo["lebak"]
    other_area_event = AuditEvent.objects.filter(
        object_type="programmes.ProgrammeArea", region_code=OTHER_VILLAGE
    ).first()
    assert other_area_event is not None
    _login(client, demo, "operator.desa")

    not_found = [
        f"/programmes/{lebak.pk}/",
        f"/programmes/{lebak.pk}/areas.csv",
        f"/programmes/{bogor.pk}/areas/{OTHER_VILLAGE}/",
        f"/programmes/{bogor.pk}/areas/{NEIGHBOUR_VILLAGE}/",
        f"/programmes/{lebak.pk}/areas/36.02.01.2002/",
        f"/api/v1/programmes/{lebak.pk}/",
        f"/audit/{other_area_event.pk}/",
    ]
    for url in not_found:
        assert client.get(url).status_code == 404, url

    # Its own records answer.
    own = client.get(f"/programmes/{bogor.pk}/areas/{OWN_VILLAGE}/")
    assert own.status_code == 200
    assert own.context["area"].region_id == OWN_VILLAGE

    # Lists and exports leave the other villages and the other regency out.
    listing = client.get("/programmes/")
    assert [p.pk for p, *_ in listing.context["rows"]] == [bogor.pk]
    detail = client.get(f"/programmes/{bogor.pk}/")
    assert [a.region_id for a in detail.context["page"]] == [OWN_VILLAGE]
    export = list(
        csv.reader(io.StringIO(client.get(f"/programmes/{bogor.pk}/areas.csv").content.decode()))
    )
    assert len(export) == 2
    assert export[1][:2] == [OWN_VILLAGE, "Parungpanjang"]
    missing = client.get(f"/api/v1/programmes/{lebak.pk}/")
    assert missing.json() == {
        "error": "request.not_found",
        "message": "Tidak ditemukan, atau di luar wilayah kerja Anda.",
        "messages": {
            "id": "Tidak ditemukan, atau di luar wilayah kerja Anda.",
            "en": "Not found, or outside your working region.",
        },
    }
    api = client.get("/api/v1/programmes/").json()
    assert [p["id"] for p in api["results"]] == [bogor.pk]
    # The operator's role cannot read the audit trail at all.
    assert client.get("/audit/").status_code == 403


def test_district_supervisor_sees_exactly_the_villages_of_the_district(client, demo):
    bogor = demo["bogor"]
    _login(client, demo, "pengawas.kecamatan")
    content = client.get(f"/programmes/{bogor.pk}/areas.csv").content.decode()
    codes = {row[0] for row in list(csv.reader(io.StringIO(content)))[1:]}
    expected = set(
        ProgrammeArea.objects.filter(
            programme=bogor, region__code__startswith="32.01.20."
        ).values_list("region_id", flat=True)
    )
    assert codes == expected
    assert len(codes) > 1
    assert client.get(f"/programmes/{bogor.pk}/areas/{OTHER_VILLAGE}/").status_code == 404


def test_regency_staff_never_see_the_other_regency(client, demo):
    _login(client, demo, "admin.lebak")
    assert client.get(f"/programmes/{demo['bogor'].pk}/").status_code == 404
    assert client.get(f"/api/v1/programmes/{demo['bogor'].pk}/").status_code == 404
    assert client.get(f"/programmes/{demo['lebak'].pk}/").status_code == 200


def test_regency_auditor_reads_only_the_regency_trail(client, demo):
    from payung.accounts.services import user_create

    auditor = user_create(
        actor=demo["users"]["sysadmin"],
        username="auditor.lebak",
        password="x",
        role=Role.AUDITOR,
        region_code="36.02",
        check_password=False,
    )
    client.force_login(auditor)
    regions = {e.region_code[:5] for e in client.get("/audit/").context["page"]}
    assert regions == {"36.02"}
    bogor_event = AuditEvent.objects.filter(region_code__startswith="32.01").first()
    assert client.get(f"/audit/{bogor_event.pk}/").status_code == 404


def test_anonymous_users_are_sent_to_login_or_refused(client, demo):
    response = client.get(f"/programmes/{demo['bogor'].pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    api = client.get("/api/v1/programmes/")
    assert api.status_code == 401
    assert api.json()["error"] == "auth.required"


def test_admin_site_is_for_system_administrators_only(client, demo):
    _login(client, demo, "admin.bogor")
    assert client.get("/admin/").status_code == 302
    client.logout()
    _login(client, demo, "sysadmin")
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/programmes/programme/").status_code == 200


def test_scoped_refuses_a_model_without_a_declaration(demo):
    from django.contrib.sessions.models import Session
    from django.core.exceptions import ImproperlyConfigured

    from payung.access.scope import scoped

    with pytest.raises(ImproperlyConfigured):
        scoped(Session.objects.all(), demo["users"]["sysadmin"])


def test_every_payung_model_declares_its_scope():
    from django.apps import apps

    undeclared = [
        model._meta.label
        for model in apps.get_models()
        if model.__module__.startswith("payung.") and not getattr(model, "scope_field", None)
    ]
    assert undeclared == []


def test_registry_and_import_routes_answer_not_found_outside_the_village(client, demo, tmp_path):
    """A person and an import batch of another village, reached by every registry/import route."""
    import openpyxl

    from payung.accounts.services import user_create
    from payung.imports.services import batch_upload
    from payung.registry.models import Source
    from payung.registry.services import person_register
    from tests.integration.test_registry import worker

    other = user_create(
        actor=COMMAND_LINE,
        username="op.cibinong",
        password="p",
        role=Role.VILLAGE_OPERATOR,
        region_code=OTHER_VILLAGE,
        check_password=False,
    )
    person = person_register(
        actor=other, data=worker(**{"village_code": OTHER_VILLAGE}), source=Source.VILLAGE_ENTRY
    ).person
    book = openpyxl.Workbook()
    book.active.append(["NIK", "Nama", "L/P", "Tgl Lahir"])
    path = tmp_path / "cibinong.xlsx"
    book.save(path)
    batch = batch_upload(
        actor=other, programme=demo["bogor"], path=path, file_name="cibinong.xlsx"
    ).batch

    _login(client, demo, "operator.desa")
    for url in [
        f"/registry/{person.pk}/",
        f"/imports/{batch.pk}/",
        f"/imports/{batch.pk}/status/",
        f"/imports/{batch.pk}/mapping/",
        f"/imports/{batch.pk}/errors.xlsx",
        f"/programmes/{demo['lebak'].pk}/template.xlsx",
    ]:
        assert client.get(url).status_code == 404, url
    for url in [f"/registry/{person.pk}/nik/", f"/imports/{batch.pk}/commit/"]:
        assert client.post(url).status_code == 404, url
    assert client.get("/registry/").context["page"].paginator.count == 0
    search = client.post("/registry/", {"q": "3201014508800004"})
    assert search.context["page"].paginator.count == 0
    assert client.get("/imports/").context["page"].paginator.count == 0
    check = client.post("/registry/check/", {"nik": "3201014508800004"}).content.decode()
    assert "Cibinong" not in check
    assert "op.cibinong" not in check
    assert client.get("/registry/new/").status_code == 200
    assert client.get("/imports/new/").status_code == 200


def test_duplicate_pairs_answer_not_found_outside_the_region_holding_both(client, demo, tmp_path):
    """A Bogor pair and a Bogor list, reached by every duplicates and lists route by Lebak's
    verifier; operators have no access to the review at all."""
    from payung.accounts.services import user_create
    from payung.dedupe.models import DuplicatePair
    from payung.dedupe.services import duplicates_scan
    from payung.registry.models import Person
    from tests.integration.test_dedupe import _person

    _person("3201204508800001", "Siti Aminah")
    _person("3201204508800007", "Siti Aminah", NEIGHBOUR_VILLAGE)
    duplicates_scan(actor=demo["users"]["verifikator"], region_code="32.01")
    pair = DuplicatePair.objects.get()
    from datetime import date

    from payung.dedupe.lists import external_list_import
    from payung.domain.flags import ListKind

    bpjs = tmp_path / "bpjs.csv"
    bpjs.write_text("NIK;Nama\n3201204508800001;Siti Aminah\n")
    external_list_import(
        actor=demo["users"]["verifikator"],
        kind=ListKind.BPJS_ACTIVE,
        source="BPJS Cibinong",
        list_date=date(2026, 11, 1),
        region_code="32.01",
        path=bpjs,
        file_name="bpjs.csv",
    )
    lebak = user_create(
        actor=COMMAND_LINE,
        username="verifikator.lebak",
        password="p",
        role=Role.VERIFIER,
        region_code="36.02",
        check_password=False,
    )
    client.force_login(lebak)
    assert client.get(f"/duplicates/{pair.pk}/").status_code == 404
    for url in [f"/duplicates/{pair.pk}/decide/"]:
        assert client.post(url, {"decision": "same"}).status_code == 404, url
    assert list(client.get("/duplicates/").context["page"]) == []
    client.post("/duplicates/decide/", {"pair": [pair.pk], "decision": "different", "reason": "x"})
    client.post("/duplicates/scan/")
    pair.refresh_from_db()
    assert pair.status == "open"
    assert DuplicatePair.objects.count() == 1
    assert Person.objects.filter(merged_into__isnull=False).count() == 0

    assert client.get("/lists/").context["page"].paginator.count == 0

    _login(client, demo, "operator.desa")
    assert client.get("/lists/").status_code == 403
    for url in ["/duplicates/", f"/duplicates/{pair.pk}/"]:
        assert client.get(url).status_code == 403, url
    for url in ["/duplicates/scan/", "/duplicates/decide/", f"/duplicates/{pair.pk}/decide/"]:
        assert client.post(url).status_code == 403, url


def test_candidacies_rules_and_places_stay_inside_the_region(client, demo):
    """A candidacy in another village, reached by every screening route by the operator, and
    Bogor's rules and places by Lebak's administrator."""
    from payung.domain.workflow import Action
    from payung.registry.models import Candidate
    from payung.screening.services import candidates_act
    from tests.integration.test_screening import person

    bogor, lebak = demo["bogor"], demo["lebak"]
    people = [person(1, village=OTHER_VILLAGE), person(2, village=OWN_VILLAGE)]
    foreign, own = (
        Candidate.objects.create(person=p, programme=bogor, village_id=p.village_id) for p in people
    )
    candidates_act(
        actor=demo["users"]["sysadmin"], candidate_ids=[foreign.pk], action=Action.SUBMIT
    )
    _login(client, demo, "operator.desa")

    assert client.get(f"/candidates/{foreign.pk}/").status_code == 404
    assert client.get(f"/registry/{foreign.person_id}/edit/").status_code == 404
    assert client.post(f"/registry/{foreign.person_id}/edit/", {}).status_code == 404
    assert client.post(f"/candidates/{foreign.pk}/act/", {"action": "submit"}).status_code == 404
    listing = client.get(f"/candidates/?programme={bogor.pk}")
    assert [c.pk for c in listing.context["page"]] == [own.pk]
    client.post(
        "/candidates/act/",
        {"programme": bogor.pk, "candidate": [foreign.pk], "action": "return", "reason": "x"},
    )
    foreign.refresh_from_db()
    assert foreign.status == "screened"
    assert client.get(f"/programmes/{lebak.pk}/rules/").status_code == 404
    assert client.get(f"/programmes/{lebak.pk}/places/").status_code == 404
    places = client.get(f"/programmes/{bogor.pk}/places/")
    assert [row.area.region_id for row in places.context["page"]] == [OWN_VILLAGE]
    move = {"source": OTHER_VILLAGE, "target": OWN_VILLAGE, "places": 5, "reason": "x"}
    assert client.post(f"/programmes/{bogor.pk}/places/", move).status_code == 403

    _login(client, demo, "admin.lebak")
    assert client.get(f"/candidates/{own.pk}/").status_code == 404
    assert client.get(f"/programmes/{bogor.pk}/rules/").status_code == 404
    assert client.post(f"/programmes/{bogor.pk}/places/", move).status_code == 404
    assert ProgrammeArea.objects.get(programme=bogor, region_id=OWN_VILLAGE).quota == 250


def test_enrolment_and_finance_routes_stay_inside_the_region(client, demo, tmp_path):
    """A Bogor worker enrolled and billed in another village, reached by every enrolment and
    finance route by the village operator and by Lebak's liaison and finance officer."""
    from payung.accounts.services import user_create
    from payung.finance.billing import bills_issue
    from payung.finance.models import BillMonth
    from tests.integration.test_enrolment import enrol
    from tests.integration.test_screening import person

    users, bogor = demo["users"], demo["bogor"]
    (enrolment,) = enrol(users, bogor, [person(1, village=OTHER_VILLAGE)], tmp_path)
    batch = enrolment.batch
    from payung.domain.period import Month

    bills_issue(actor=users["keuangan"], programme=bogor, month=Month(2026, 1))
    bill = BillMonth.objects.get()
    lebak_users = [
        user_create(
            actor=COMMAND_LINE,
            username=f"{role.value}.lebak",
            password="p",
            role=role,
            region_code="36.02",
            check_password=False,
        )
        for role in (Role.BPJS_LIAISON, Role.FINANCE_OFFICER)
    ]
    month = {"month": "2026-01", "reason": "x"}
    programme_posts = [
        f"/finance/{bogor.pk}/{name}/" for name in ("issue", "adjust", "arrears", "invoices")
    ]
    for outsider in lebak_users:
        client.force_login(outsider)
        enrolment_routes = [f"/enrolment/?programme={bogor.pk}", f"/enrolment/batches/{batch.pk}/"]
        if outsider.role == Role.BPJS_LIAISON:
            for url in [*enrolment_routes, f"/enrolment/batches/{batch.pk}/export/xlsx/"]:
                assert client.get(url).status_code == 404, url
            answer = f"/enrolment/batches/{batch.pk}/answer/"
            assert client.post(answer).status_code == 404
        else:  # a finance officer has no business with BPJS registration at all
            assert client.get(enrolment_routes[0]).status_code == 404  # another regency's
            assert client.get(enrolment_routes[1]).status_code == 403
        for url in [
            f"/enrolment/workers/{enrolment.pk}/",
            f"/finance/?programme={bogor.pk}",
            f"/finance/bills/{bill.pk}/",
            f"/finance/{bogor.pk}/reconciliation/",
            f"/finance/{bogor.pk}/budget/",
            f"/finance/{bogor.pk}/rates/",
        ]:
            assert client.get(url).status_code == 404, url
        for url in [
            f"/enrolment/workers/{enrolment.pk}/end/",
            f"/finance/bills/{bill.pk}/",
            f"/finance/{bogor.pk}/budget/",
            f"/finance/{bogor.pk}/rates/",
            *programme_posts,
        ]:
            assert client.post(url, month).status_code == 404, url
        check = client.post("/coverage/", {"nik": enrolment.person.nik, "day": "2026-02-01"})
        assert check.context["answer"].covered is False
        assert "Pekerja 1" not in check.content.decode()

    _login(client, demo, "operator.desa")
    assert client.get(f"/enrolment/workers/{enrolment.pk}/").status_code == 404
    assert client.post(f"/enrolment/workers/{enrolment.pk}/end/").status_code == 404
    assert client.get(f"/finance/bills/{bill.pk}/").status_code == 404
    assert list(client.get(f"/finance/?programme={bogor.pk}").context["bills"]) == []
    assert client.get("/enrolment/").status_code == 403  # no BPJS liaison capability
    assert client.get(f"/enrolment/batches/{batch.pk}/").status_code == 403
    assert client.get(f"/finance/{bogor.pk}/reconciliation/").status_code == 403
    for url in programme_posts:
        assert client.post(url, month).status_code == 403, url
    assert (
        not client.post("/coverage/", {"nik": enrolment.person.nik, "day": "2026-02-01"})
        .context["answer"]
        .covered
    )
    # The regency's own staff reach them.
    _login(client, demo, "bpjs")
    assert client.get(f"/enrolment/batches/{batch.pk}/").status_code == 200
    export = client.get(f"/enrolment/batches/{batch.pk}/export/csv/")
    assert export["Cache-Control"] == "no-store"
    assert enrolment.person.nik in export.content.decode("utf-8-sig")
    assert (
        client.post("/coverage/", {"nik": enrolment.person.nik, "day": "2026-02-01"})
        .context["answer"]
        .covered
    )
    _login(client, demo, "keuangan")
    assert client.get(f"/finance/bills/{bill.pk}/").status_code == 200


def test_claims_routes_stay_inside_the_village(client, demo, tmp_path):
    """A claim of another village, reached by every claims route by the village operator; the
    claims of the other regency by Lebak's verifier (tests/integration/test_claims.py holds the
    rest)."""
    from payung.accounts.services import user_create
    from payung.claims.models import ClaimChild, UnclaimedDeath
    from payung.claims.services import ChildInput, claim_child_add, claim_report, document_upload
    from tests.integration.test_claims import NOW, PDF, _form, accident
    from tests.integration.test_enrolment import enrol
    from tests.integration.test_screening import person

    users = demo["users"]
    foreign = person(1, village=NEIGHBOUR_VILLAGE)
    (enrolment,) = enrol(users, demo["bogor"], [foreign], tmp_path)
    claim = claim_report(actor=users["verifikator"], person=foreign, report=accident(), now=NOW)
    document = document_upload(
        actor=users["verifikator"], claim=claim, kind="ktp_deceased", data=PDF, file_name="ktp.pdf"
    )
    child = claim_child_add(
        actor=users["verifikator"],
        claim=claim,
        child=ChildInput("Ani", date(2018, 3, 1), "sd", 2),
        today=NOW.date(),
    )
    lebak = user_create(
        actor=COMMAND_LINE,
        username="verifikator.lebak",
        password="p",
        role=Role.VERIFIER,
        region_code="36.02",
        check_password=False,
    )
    for username in ("operator.desa", None):
        if username:
            _login(client, demo, username)
        else:
            client.force_login(lebak)
        assert client.get(f"/claims/{claim.pk}/").status_code == 404
        assert client.get(f"/claims/new/?person={foreign.pk}").status_code == 404
        assert client.post(f"/claims/{claim.pk}/documents/", {"kind": "x"}).status_code == 404
        assert client.post(f"/claims/{claim.pk}/documents/{document.pk}/").status_code == 404
        assert client.post(f"/claims/{claim.pk}/packet/").status_code == 404
        act = {"action": "reject", "reason": "x"}
        assert client.post(f"/claims/{claim.pk}/act/", act).status_code == 404
        details = {"days_off_work": "3"}
        assert client.post(f"/claims/{claim.pk}/details/", details).status_code == 404
        grade = {"name": "X", "birth_date": "2019-01-01", "level": "sd", "grade": "1"}
        assert client.post(f"/claims/{claim.pk}/children/", grade).status_code == 404
        remove = f"/claims/{claim.pk}/children/{child.pk}/remove/"
        assert client.post(remove).status_code == 404
        assert list(client.get("/claims/").context["page"]) == []
        by_nik = client.post("/claims/new/", _form(nik=foreign.nik))
        assert by_nik.context["error"].startswith("NIK 3201")
        assert foreign.full_name not in by_nik.content.decode()
        export = client.post("/claims/export.xlsx")
        assert foreign.full_name.encode() not in export.content  # the list the reader sees
        assert len(list(openpyxl.load_workbook(io.BytesIO(export.content)).active.rows)) == 1
    # The unclaimed-death queue: Lebak's verifier neither sees nor closes Bogor's case; the
    # village operator is not the labour office.
    case = UnclaimedDeath.objects.create(
        person=foreign,
        village_id=foreign.village_id,
        death_date=NOW.date(),
        enrolment=enrolment,
        programme=demo["bogor"],
        found_at=NOW,
        found_by_label="test",
    )
    client.force_login(lebak)
    assert list(client.get("/claims/unclaimed/").context["cases"]) == []
    assert client.post(f"/claims/unclaimed/{case.pk}/close/", {"reason": "x"}).status_code == 404
    _login(client, demo, "operator.desa")
    assert client.get("/claims/unclaimed/").status_code == 403
    assert client.post(f"/claims/unclaimed/{case.pk}/close/", {"reason": "x"}).status_code == 403
    assert not AuditEvent.objects.filter(
        action__in=["claim_document.open", "claim.packet"]
    ).exists()
    assert ClaimChild.objects.filter(pk=child.pk).count() == 1
    assert not AuditEvent.objects.filter(
        action__in=["claim.details", "claim_child.remove"]
    ).exists()
    _login(client, demo, "verifikator")
    assert client.get(f"/claims/{claim.pk}/").status_code == 200


def test_the_renewal_page_stays_inside_the_regency(client, demo):
    bogor, lebak = demo["bogor"], demo["lebak"]
    url = f"/programmes/{bogor.pk}/renew/"
    # Lebak's administrator has the capability but not the region: not found.
    _login(client, demo, "admin.lebak")
    assert client.get(url).status_code == 404
    assert client.post(url, {"target": lebak.pk}).status_code == 404
    assert client.get(f"/programmes/{lebak.pk}/renew/").status_code == 200
    # The village operator reaches the programme but may not renew it.
    _login(client, demo, "operator.desa")
    assert client.get(url).status_code == 403
    assert client.post(url, {"target": bogor.pk}).status_code == 403
    assert not AuditEvent.objects.filter(action="candidate.renew").exists()


def test_complaints_routes_stay_inside_the_village(client, demo):
    """A complaint of a neighbouring village, reached by every complaints route by the village
    operator: 404 for the complaint, absent from the queue, not a village to file for."""
    from payung.complaints.models import Complaint, ComplaintCategory, ComplaintStatus
    from payung.complaints.services import PUBLIC_FORM, Filing, complaint_file
    from tests.integration.test_complaints import NOW

    foreign, _pin = complaint_file(
        actor=PUBLIC_FORM,
        filing=Filing(NEIGHBOUR_VILLAGE, ComplaintCategory.OTHER, "Lain desa", "Warga", ""),
        now=NOW,
    )
    _login(client, demo, "operator.desa")
    assert client.get(f"/pengaduan/{foreign.pk}/").status_code == 404
    for step in ("acknowledge", "answer", "reopen", "tell"):
        posted = {"step": step, "answer": "x"}
        assert client.post(f"/pengaduan/{foreign.pk}/langkah/", posted).status_code == 404
    assert client.post(f"/pengaduan/{foreign.pk}/tutup/").status_code == 404
    assert list(client.get("/pengaduan/").context["page"]) == []
    assert client.get("/pengaduan/").context["counts"]["received"] == 0
    form = client.get("/pengaduan/baru/")
    villages = [code for g in form.context["groups"] for code, _label in g.villages]
    assert villages == [OWN_VILLAGE]
    posted = {"village": NEIGHBOUR_VILLAGE, "category": "other", "text": "x", "name": "y"}
    assert client.post("/pengaduan/baru/", posted).context["filed"] is None
    assert Complaint.objects.get().status == ComplaintStatus.RECEIVED
    assert (
        not AuditEvent.objects.filter(action__startswith="complaint.")
        .exclude(action="complaint.file")
        .exists()
    )
