from django.apps import AppConfig


class EnrolmentConfig(AppConfig):
    name = "payung.enrolment"
    label = "enrolment"
    verbose_name = "Pendaftaran BPJS dan perlindungan / BPJS registration and coverage"
