from django.urls import path

from fazhi.mediation import views

app_name = "chaxun"

urlpatterns = [path("", views.public_lookup, name="lookup")]
