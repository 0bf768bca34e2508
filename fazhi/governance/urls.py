from django.urls import path

from fazhi.governance import views

app_name = "governance"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("committee/", views.committee, name="committee"),
    path("committee/members/new/", views.member_create, name="member-create"),
    path("committee/members/<id:member_id>/left/", views.member_left, name="member-left"),
    path("settings/", views.settings_page, name="settings"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/new/", views.meeting_create, name="meeting-create"),
    path("meetings/<id:meeting_id>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<id:meeting_id>/minutes.docx", views.minutes_docx, name="minutes-docx"),
    path("tasks/", views.tasks, name="tasks"),
    path("tasks/new/", views.task_create, name="task-create"),
    path("tasks/<id:task_id>/", views.task_detail, name="task-detail"),
    path("tasks/<id:task_id>/feedback/", views.feedback, name="feedback"),
    path("tasks/<id:task_id>/complete/", views.complete, name="complete"),
    path("tasks/<id:task_id>/act/", views.act, name="act"),
    path("notices/<id:notice_id>/answer/", views.answer, name="answer"),
    path("consultations/", views.consultations, name="consultations"),
    path("consultations/new/", views.consultation_create, name="consultation-create"),
]
