from django.urls import path

from fazhi.reports import dashboard_views, views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("wording/", views.wording_list, name="wording"),
    path("wording/<str:key>/", views.wording_edit, name="wording-edit"),
    path("figures/<str:key>/", views.scope_figure_rows, name="scope-figure"),
    path("<id:report_id>/", views.report_detail, name="detail"),
    path("<id:report_id>/report.docx", views.report_docx, name="docx"),
    path("<id:report_id>/figures/<str:key>/", views.figure_rows, name="figure"),
    path("<id:report_id>/paragraphs/new/", views.paragraph_create, name="paragraph-create"),
    path("<id:report_id>/paragraphs/<id:paragraph_id>/", views.paragraph_edit, name="paragraph-edit"),
    path(
        "<id:report_id>/paragraphs/<id:paragraph_id>/remove/",
        views.paragraph_remove,
        name="paragraph-remove",
    ),
    path("<id:report_id>/suggestions/<str:prompt_key>/", views.suggestion_decide, name="suggestion-decide"),
    path(
        "<id:report_id>/suggestions/<str:prompt_key>/reword/",
        views.suggestion_reword,
        name="suggestion-reword",
    ),
    path("<id:report_id>/statements/confirm/", views.statements_confirm, name="statements-confirm"),
    path("<id:report_id>/finalise/", views.report_finalise, name="finalise"),
    path("<id:report_id>/publish/", views.report_publish, name="publish"),
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("dashboard/rows/<str:series>/", dashboard_views.dashboard_rows, name="dashboard-rows"),
]
