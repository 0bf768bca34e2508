from django.urls import path

from fazhi.disclosure import views

app_name = "disclosure"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("decisions/<id:decision_id>/prepare/", views.prepare, name="prepare"),
    path("<id:publication_id>/", views.publication, name="publication"),
    path("<id:publication_id>/review/", views.review, name="review"),
    path("<id:publication_id>/publish/", views.publish, name="publish"),
    path("<id:publication_id>/withdraw/", views.withdraw, name="withdraw"),
    path("inspections/", views.inspection_items, name="inspections"),
    path("exports/", views.exports, name="exports"),
    path("exports/<id:export_id>/", views.export, name="export"),
    path("exports/<id:export_id>/download/", views.export_download, name="export_download"),
]
