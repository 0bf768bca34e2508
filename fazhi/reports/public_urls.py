from django.urls import path

from fazhi.reports import views

app_name = "baogao"

urlpatterns = [
    path("", views.public_list, name="list"),
    path("<id:report_id>/", views.public_detail, name="detail"),
    path("<id:report_id>/report.docx", views.public_docx, name="docx"),
]
