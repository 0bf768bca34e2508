from django.urls import path

from fazhi.core import views, workplace

app_name = "core"

urlpatterns = [
    path("", workplace.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("nav/counts/", workplace.nav_counts, name="nav-counts"),
    path("notifications/", workplace.notification_list, name="notification-list"),
    path("notifications/read/", workplace.notification_read_all, name="notification-read-all"),
    path("notifications/<id:notification_id>/read/", workplace.notification_read, name="notification-read"),
    path("parties/", views.party_list, name="party-list"),
    path("parties/pick/", views.party_pick, name="party-pick"),
    path("parties/new/", views.party_create, name="party-create"),
    path("parties/<id:party_id>/", views.party_detail, name="party-detail"),
    path("parties/<id:party_id>/edit/", views.party_edit, name="party-edit"),
    path("parties/<id:party_id>/attach/", views.party_attach, name="party-attach"),
    path("files/<id:attachment_id>/", views.file_download, name="file-download"),
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/<id:organisation_id>/", views.organisation_detail, name="organisation-detail"),
    path("organisations/<id:organisation_id>/edit/", views.organisation_edit, name="organisation-edit"),
    path("organisations/<id:parent_id>/new/", views.organisation_create, name="organisation-create"),
    path("staff/", views.staff_list, name="staff-list"),
    path("staff/new/", views.staff_create, name="staff-create"),
    path("staff/<id:staff_id>/", views.staff_detail, name="staff-detail"),
    path("staff/<id:staff_id>/edit/", views.staff_edit, name="staff-edit"),
    path("staff/<id:staff_id>/deactivate/", views.staff_deactivate, name="staff-deactivate"),
    path("staff/<id:staff_id>/credentials/new/", views.credential_add, name="credential-add"),
    path("credentials/<id:credential_id>/revoke/", views.credential_revoke, name="credential-revoke"),
    path("tokens/", views.tokens_page, name="tokens"),
    path("tokens/<id:token_id>/revoke/", views.token_revoke, name="token-revoke"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/overrides/", views.holiday_override_add, name="holiday-override-add"),
    path("calendar/years/", views.holiday_year_confirm, name="holiday-year-confirm"),
    path("numbering/", views.number_series_list, name="number-series-list"),
    path("numbering/<id:series_id>/", views.number_series_detail, name="number-series-detail"),
    path("numbering/numbers/<id:issued_id>/void/", views.number_void, name="number-void"),
]
