from django.urls import path

from fazhi.reports import dashboard_views, views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("wording/", views.wording_list, name="wording"),
    path("wording/<str:key>/", views.wording_edit, name="wording-edit"),
    path("figures/<str:key>/", views.scope_figure_rows, name="scope-figure"),
    path("<int:report_id>/", views.report_detail, name="detail"),
    path("<int:report_id>/report.docx", views.report_docx, name="docx"),
    path("<int:report_id>/figures/<str:key>/", views.figure_rows, name="figure"),
    path("<int:report_id>/paragraphs/new/", views.paragraph_create, name="paragraph-create"),
    path("<int:report_id>/paragraphs/<int:paragraph_id>/", views.paragraph_edit, name="paragraph-edit"),
    path(
        "<int:report_id>/paragraphs/<int:paragraph_id>/remove/",
        views.paragraph_remove,
        name="paragraph-remove",
    ),
    path("<int:report_id>/prompts/<str:prompt_key>/", views.prompt_accept, name="prompt-accept"),
    path("<int:report_id>/finalise/", views.report_finalise, name="finalise"),
    path("<int:report_id>/publish/", views.report_publish, name="publish"),
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("dashboard/rows/<str:series>/", dashboard_views.dashboard_rows, name="dashboard-rows"),
]
