from django.urls import path

from fazhi.enforcement import views

app_name = "enforcement"

urlpatterns = [
    path("", views.case_list, name="case-list"),
    path("leads/new/", views.lead_create, name="lead-create"),
    path("<int:case_id>/", views.case_detail, name="case-detail"),
    path("<int:case_id>/file/", views.case_file, name="case-file"),
    path("<int:case_id>/decline/", views.case_decline, name="case-decline"),
    path("<int:case_id>/investigate/", views.case_investigate, name="case-investigate"),
    path(
        "<int:case_id>/close-investigation/", views.case_close_investigation, name="case-close-investigation"
    ),
    path("<int:case_id>/notice/", views.case_notice, name="case-notice"),
    path("<int:case_id>/defence/", views.case_defence, name="case-defence"),
    path("<int:case_id>/hearing-request/", views.case_hearing_request, name="case-hearing-request"),
    path("<int:case_id>/hearing/", views.case_hearing, name="case-hearing"),
    path("<int:case_id>/submit-review/", views.case_submit_review, name="case-submit-review"),
    path("<int:case_id>/review/", views.case_review, name="case-review"),
    path("<int:case_id>/discussion/", views.case_discussion, name="case-discussion"),
    path("<int:case_id>/decide/", views.case_decide, name="case-decide"),
    path("powers/", views.power_list, name="power-list"),
]
