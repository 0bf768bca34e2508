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
    path("powers/", views.power_list, name="power-list"),
]
