from django.urls import path

from fazhi.learning import views

app_name = "learning"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("study/new/", views.study_create, name="study-create"),
    path("study/<id:session_id>/", views.study_detail, name="study-detail"),
    path("trainings/new/", views.training_create, name="training-create"),
    path("trainings/<id:training_id>/", views.training_detail, name="training-detail"),
]
