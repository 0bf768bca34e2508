from django.urls import path

from fazhi.mediation import views

app_name = "mediation"

urlpatterns = [
    path("", views.dispute_list, name="list"),
    path("new/", views.dispute_create, name="create"),
    path("units/", views.units, name="units"),
    path("centre/", views.centre, name="centre"),
    path("statistics/", views.statistics, name="statistics"),
    path("<id:dispute_id>/", views.dispute_detail, name="detail"),
    path("<id:dispute_id>/dispatch/", views.dispute_dispatch, name="dispatch"),
    path("<id:dispute_id>/hand-on/", views.dispute_hand_on, name="hand-on"),
    path("<id:dispute_id>/hand-back/", views.dispute_hand_back, name="hand-back"),
    path("<id:dispute_id>/sessions/new/", views.session_create, name="session-create"),
    path("<id:dispute_id>/close/", views.dispute_close, name="close"),
    path("<id:dispute_id>/follow-ups/new/", views.follow_up_create, name="follow-up-create"),
    path("<id:dispute_id>/agreement.docx", views.agreement_docx, name="agreement-docx"),
]
