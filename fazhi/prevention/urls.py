from django.urls import path

from fazhi.prevention import views

app_name = "prevention"

urlpatterns = [
    path("", views.roster, name="roster"),
    path("volunteers/new/", views.volunteer_add, name="volunteer-add"),
    path("volunteers/<id:volunteer_id>/", views.volunteer_detail, name="volunteer"),
    path("volunteers/<id:volunteer_id>/end/", views.volunteer_end, name="volunteer-end"),
    path("activities/", views.activity_list, name="activities"),
    path("activities/new/", views.activity_record, name="activity-record"),
    path("activities/<id:activity_id>/", views.activity_detail, name="activity"),
    path("statistics/", views.statistics, name="statistics"),
]
