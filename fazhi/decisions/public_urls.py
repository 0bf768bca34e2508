from django.urls import path

from fazhi.decisions import views

app_name = "juece"

urlpatterns = [
    path("", views.public_list, name="list"),
    path("<id:period_id>/", views.public_consultation, name="detail"),
]
