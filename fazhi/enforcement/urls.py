from django.urls import path

from fazhi.enforcement import views, views_documents

app_name = "enforcement"

urlpatterns = [
    path("", views.case_list, name="case-list"),
    path("<id:case_id>/documents/<str:kind>.docx", views_documents.case_document, name="case-document"),
    path("leads/new/", views.lead_create, name="lead-create"),
    path("<id:case_id>/", views.case_detail, name="case-detail"),
    path("<id:case_id>/file/", views.case_file, name="case-file"),
    path("<id:case_id>/decline/", views.case_decline, name="case-decline"),
    path("<id:case_id>/investigate/", views.case_investigate, name="case-investigate"),
    path(
        "<id:case_id>/close-investigation/", views.case_close_investigation, name="case-close-investigation"
    ),
    path("<id:case_id>/notice/", views.case_notice, name="case-notice"),
    path("<id:case_id>/defence/", views.case_defence, name="case-defence"),
    path("<id:case_id>/hearing-request/", views.case_hearing_request, name="case-hearing-request"),
    path("<id:case_id>/hearing/", views.case_hearing, name="case-hearing"),
    path("<id:case_id>/hearing/schedule/", views.case_hearing_schedule, name="case-hearing-schedule"),
    path("<id:case_id>/hearing/waiver/", views.case_hearing_waiver, name="case-hearing-waiver"),
    path("<id:case_id>/submit-review/", views.case_submit_review, name="case-submit-review"),
    path("<id:case_id>/review/", views.case_review, name="case-review"),
    path("<id:case_id>/discussion/", views.case_discussion, name="case-discussion"),
    path("<id:case_id>/decide/", views.case_decide, name="case-decide"),
    path("<id:case_id>/extend/", views.case_extend, name="case-extend"),
    path("<id:case_id>/serve/", views.case_serve, name="case-serve"),
    path("<id:case_id>/service-consent/", views.case_service_consent, name="case-service-consent"),
    path("<id:case_id>/payment-plan/", views.case_payment_plan, name="case-payment-plan"),
    path("<id:case_id>/remedy/", views.case_remedy, name="case-remedy"),
    path("<id:case_id>/remedy/end/", views.case_remedy_end, name="case-remedy-end"),
    path("<id:case_id>/payment/", views.case_payment, name="case-payment"),
    path("<id:case_id>/demand/", views.case_demand, name="case-demand"),
    path("<id:case_id>/court/", views.case_court, name="case-court"),
    path("<id:case_id>/close/", views.case_close, name="case-close"),
    path("<id:case_id>/archive/", views.case_archive, name="case-archive"),
    path("<id:case_id>/record-with-agency/", views.case_record_with_agency, name="case-record-with-agency"),
    path("<id:case_id>/evidence/", views.case_evidence, name="case-evidence"),
    path("<id:case_id>/records/new/", views.case_record, name="case-record"),
    path("<id:case_id>/recusals/new/", views.case_recusal_request, name="case-recusal-request"),
    path("<id:case_id>/recusals/decide/", views.case_recusal_decide, name="case-recusal-decide"),
    path("<id:case_id>/preservations/new/", views.case_preserve, name="case-preserve"),
    path(
        "<id:case_id>/preservations/handle/", views.case_preservation_handle, name="case-preservation-handle"
    ),
    path("on-the-spot/", views.on_spot_create, name="on-spot-create"),
    path("clocks/", views.clocks_due, name="clocks-due"),
    path("devices/", views.device_list, name="device-list"),
    path("devices/<id:device_id>/assign/", views.device_assign, name="device-assign"),
    path("devices/<id:device_id>/return/", views.device_return, name="device-return"),
    path("powers/", views.power_list, name="power-list"),
    path("powers/large-amount/", views.large_amount_create, name="large-amount-create"),
    path("templates/", views.template_list, name="template-list"),
    path("templates/<str:kind>/bundled.docx", views.template_bundled, name="template-bundled"),
    path("templates/<str:kind>/restore/", views.template_restore, name="template-restore"),
]
