from django.urls import path

from fazhi.mediation import views

app_name = "mediation"

urlpatterns = [
    path("", views.dispute_list, name="list"),
    path("new/", views.dispute_create, name="create"),
    path("units/", views.units, name="units"),
    path("<int:dispute_id>/", views.dispute_detail, name="detail"),
    path("<int:dispute_id>/dispatch/", views.dispute_dispatch, name="dispatch"),
]
