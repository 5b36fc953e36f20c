from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import RedirectView

from payung.claims import details as claim_details
from payung.claims import views as claims
from payung.complaints import views as complaints
from payung.dedupe import views as dedupe
from payung.enrolment import views as enrolment
from payung.finance import views as finance
from payung.imports import views as imports
from payung.registry import api as registry_api
from payung.registry import views as registry
from payung.reports import boundary_views, dashboard_views, kept_views, report_views
from payung.reports import views as reports
from payung.screening import views as screening
from payung.web import budget, people, views

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="dashboard"), name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", views.language_choose, name="set_language"),
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme_detail"),
    path(
        "programmes/<int:pk>/areas.csv", views.programme_area_export, name="programme_area_export"
    ),
    path(
        "programmes/<int:pk>/areas/<str:code>/",
        views.programme_area_detail,
        name="programme_area_detail",
    ),
    path("programmes/<int:pk>/template.xlsx", imports.import_template_view, name="import_template"),
    path("registry/", people.person_list_view, name="person_list"),
    path("registry/new/", registry.person_create_view, name="person_create"),
    path("registry/check/", people.person_check_view, name="person_check"),
    path("registry/<int:pk>/", people.person_detail_view, name="person_detail"),
    path("registry/<int:pk>/nik/", registry.person_reveal_nik_view, name="person_reveal_nik"),
    path("registry/<int:pk>/edit/", registry.person_edit_view, name="person_edit"),
    path("imports/", imports.import_list_view, name="import_list"),
    path("imports/new/", imports.import_new_view, name="import_new"),
    path("imports/<int:pk>/", imports.import_detail_view, name="import_detail"),
    path("imports/<int:pk>/status/", imports.import_status_view, name="import_status"),
    path("imports/<int:pk>/commit/", imports.import_commit_view, name="import_commit"),
    path("imports/<int:pk>/mapping/", imports.import_mapping_view, name="import_mapping"),
    path("imports/<int:pk>/errors.xlsx", imports.import_errors_view, name="import_errors"),
    path("duplicates/", dedupe.pair_list_view, name="pair_list"),
    path("duplicates/scan/", dedupe.pair_scan_view, name="pair_scan"),
    path("duplicates/decide/", dedupe.pairs_decide_view, name="pairs_decide"),
    path("duplicates/<int:pk>/", dedupe.pair_detail_view, name="pair_detail"),
    path("duplicates/<int:pk>/decide/", dedupe.pair_decide_view, name="pair_decide"),
    path("lists/", dedupe.external_list_view, name="external_lists"),
    path("candidates/", screening.candidate_list_view, name="candidate_list"),
    path("candidates/act/", screening.candidates_act_view, name="candidates_act"),
    path("candidates/<int:pk>/", screening.candidate_detail_view, name="candidate_detail"),
    path("candidates/<int:pk>/act/", screening.candidate_act_view, name="candidate_act"),
    path("programmes/<int:pk>/rules/", screening.ruleset_view, name="ruleset"),
    path("programmes/<int:pk>/places/", screening.places_view, name="places"),
    path("enrolment/", enrolment.registration_list_view, name="registration_list"),
    path(
        "enrolment/batches/<int:pk>/",
        enrolment.registration_detail_view,
        name="registration_detail",
    ),
    path(
        "enrolment/batches/<int:pk>/export/<str:kind>/",
        enrolment.registration_export_view,
        name="registration_export",
    ),
    path(
        "enrolment/batches/<int:pk>/answer/",
        enrolment.registration_answer_view,
        name="registration_answer",
    ),
    path("enrolment/workers/<int:pk>/", people.enrolment_detail_view, name="enrolment_detail"),
    path("enrolment/workers/<int:pk>/end/", enrolment.enrolment_end_view, name="enrolment_end"),
    path("coverage/", enrolment.coverage_check_view, name="coverage_check"),
    path("programmes/<int:pk>/renew/", enrolment.programme_renew_view, name="programme_renew"),
    path("finance/", finance.finance_home_view, name="finance_home"),
    path("finance/<int:pk>/issue/", finance.bills_issue_view, name="bills_issue"),
    path("finance/<int:pk>/adjust/", finance.bill_adjust_view, name="bill_adjust"),
    path("finance/<int:pk>/arrears/", finance.arrears_view, name="arrears"),
    path("finance/<int:pk>/invoices/", finance.invoice_import_view, name="invoice_import"),
    path("finance/<int:pk>/reconciliation/", finance.reconciliation_view, name="reconciliation"),
    path("finance/<int:pk>/budget/", budget.budget_view, name="budget"),
    path("finance/<int:pk>/rates/", finance.rates_view, name="rates"),
    path("finance/bills/<int:pk>/", finance.bill_detail_view, name="bill_detail"),
    path("claims/", claims.claim_list_view, name="claim_list"),
    path("claims/export.xlsx", claims.claim_export_view, name="claim_export"),
    path("claims/unclaimed/", claims.unclaimed_list_view, name="unclaimed_list"),
    path("claims/unclaimed/<int:pk>/close/", claims.unclaimed_close_view, name="unclaimed_close"),
    path("claims/new/", claims.claim_report_view, name="claim_report"),
    path("claims/<int:pk>/", claims.claim_detail_view, name="claim_detail"),
    path("claims/<int:pk>/act/", claims.claim_act_view, name="claim_act"),
    path(
        "claims/<int:pk>/documents/",
        claims.claim_document_upload_view,
        name="claim_document_upload",
    ),
    path(
        "claims/<int:pk>/documents/<int:doc>/",
        claims.claim_document_open_view,
        name="claim_document_open",
    ),
    path("claims/<int:pk>/packet/", claims.claim_packet_view, name="claim_packet"),
    path("claims/<int:pk>/details/", claim_details.claim_details_view, name="claim_details"),
    path("claims/<int:pk>/children/", claim_details.claim_child_add_view, name="claim_child_add"),
    path(
        "claims/<int:pk>/children/<int:child>/remove/",
        claim_details.claim_child_remove_view,
        name="claim_child_remove",
    ),
    path("audit/", views.audit_list, name="audit_list"),
    path("audit/<int:pk>/", views.audit_detail, name="audit_detail"),
    path("api/v1/programmes/", views.api_programme_list, name="api_programme_list"),
    path("api/v1/programmes/<int:pk>/", views.api_programme_detail, name="api_programme_detail"),
    path("api/v1/workers/", registry_api.api_worker_register, name="api_worker_register"),
    path("dasbor/", dashboard_views.dashboard_view, name="dashboard"),
    path("wilayah/batas/", boundary_views.boundary_page_view, name="boundary_page"),
    path("wilayah/batas/<int:pk>/akhiri/", boundary_views.boundary_end_view, name="boundary_end"),
    path("laporan/berkas/", kept_views.kept_list_view, name="kept_list"),
    path("laporan/berkas/buat/", kept_views.kept_request_view, name="kept_request"),
    path("laporan/berkas/<int:pk>/<str:fmt>/", kept_views.kept_download_view, name="kept_download"),
    path("laporan/", report_views.reports_index_view, name="reports_index"),
    path("laporan/desa/", report_views.village_report_view, name="village_report"),
    path("laporan/program/", report_views.programme_report_view, name="programme_report"),
    path("laporan/kecamatan/", report_views.district_report_view, name="district_report"),
    path("laporan/klaim/", report_views.claims_report_view, name="claims_report"),
    path(
        "laporan/rekonsiliasi/",
        report_views.reconciliation_report_view,
        name="reconciliation_report",
    ),
    path("pengaduan/", complaints.complaint_list_view, name="complaint_list"),
    path("pengaduan/baru/", complaints.complaint_new_view, name="complaint_new"),
    path("pengaduan/<int:pk>/", complaints.complaint_detail_view, name="complaint_detail"),
    path("pengaduan/<int:pk>/langkah/", complaints.complaint_step_view, name="complaint_step"),
    path("pengaduan/<int:pk>/tutup/", complaints.complaint_close_view, name="complaint_close"),
    path("publik/pengaduan/", complaints.public_complaint_view, name="public_complaint"),
    path(
        "publik/pengaduan/status/",
        complaints.public_status_view,
        name="public_complaint_status",
    ),
    path("publik/", reports.public_programme_list_view, name="public_programme_list"),
    path("publik/<int:pk>/", reports.public_programme_view, name="public_programme"),
    path("publik/<int:pk>/data.csv", reports.public_data_csv_view, name="public_data_csv"),
    path("publik/<int:pk>/data.json", reports.public_data_json_view, name="public_data_json"),
    path("publik/<int:pk>/metadata.json", reports.public_metadata_view, name="public_metadata"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

# JSON under /api/, the HTML pages elsewhere (payung.web.errors, ADR 0026).
handler400 = "payung.web.errors.bad_request"
handler403 = "payung.web.errors.permission_denied"
handler404 = "payung.web.errors.page_not_found"
handler500 = "payung.web.errors.server_error"
