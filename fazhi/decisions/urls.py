from django.urls import path

from fazhi.decisions import views

app_name = "decisions"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("catalogue/publish/", views.catalogue_publish, name="catalogue-publish"),
    path("items/<int:item_id>/start/", views.start, name="start"),
    path("<int:decision_id>/", views.detail, name="detail"),
    path("<int:decision_id>/comments/open/", views.open_comments, name="open-comments"),
    path("comments/<int:comment_id>/moderate/", views.moderate, name="moderate"),
    path("comments/<int:comment_id>/answer/", views.answer, name="answer"),
    path("<int:decision_id>/assess/", views.assess, name="assess"),
    path("<int:decision_id>/legality/submit/", views.legality_submit, name="legality-submit"),
    path("<int:decision_id>/legality/opinion/", views.legality_opinion, name="legality-opinion"),
    path("<int:decision_id>/discuss/", views.discuss, name="discuss"),
    path("<int:decision_id>/publish/", views.publish, name="publish"),
    path("<int:decision_id>/evaluate/", views.evaluate, name="evaluate"),
    path("<int:decision_id>/archive/", views.archive, name="archive"),
    path("<int:decision_id>/files/", views.attach, name="attach"),
]
