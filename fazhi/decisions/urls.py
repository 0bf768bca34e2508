from django.urls import path

from fazhi.decisions import views

app_name = "decisions"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("catalogue/publish/", views.catalogue_publish, name="catalogue-publish"),
    path("items/<id:item_id>/start/", views.start, name="start"),
    path("<id:decision_id>/", views.detail, name="detail"),
    path("<id:decision_id>/comments/open/", views.open_comments, name="open-comments"),
    path("comments/<id:comment_id>/moderate/", views.moderate, name="moderate"),
    path("comments/<id:comment_id>/answer/", views.answer, name="answer"),
    path("<id:decision_id>/assess/", views.assess, name="assess"),
    path("<id:decision_id>/legality/submit/", views.legality_submit, name="legality-submit"),
    path("<id:decision_id>/legality/opinion/", views.legality_opinion, name="legality-opinion"),
    path("<id:decision_id>/discuss/", views.discuss, name="discuss"),
    path("<id:decision_id>/publish/", views.publish, name="publish"),
    path("<id:decision_id>/evaluate/", views.evaluate, name="evaluate"),
    path("<id:decision_id>/archive/", views.archive, name="archive"),
    path("<id:decision_id>/files/", views.attach, name="attach"),
]
