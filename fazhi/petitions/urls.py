from django.urls import path

from fazhi.petitions import views

app_name = "petitions"

urlpatterns = [
    path("", views.petition_list, name="list"),
    path("new/", views.petition_create, name="create"),
    path("key-matters/", views.key_matters, name="key-matters"),
    path("<id:petition_id>/", views.petition_detail, name="detail"),
    path("<id:petition_id>/accept/", views.petition_accept, name="accept"),
    path("<id:petition_id>/decline/", views.petition_decline, name="decline"),
    path("<id:petition_id>/extend/", views.petition_extend, name="extend"),
    path("<id:petition_id>/opinion/", views.petition_opinion, name="opinion"),
    path("<id:petition_id>/opinion.docx", views.opinion_docx, name="opinion-docx"),
    path("<id:petition_id>/review/", views.review_request, name="review-request"),
    path("<id:petition_id>/review/answer/", views.review_answer, name="review-answer"),
    path("<id:petition_id>/re-review/", views.re_review_request, name="re-review-request"),
    path("<id:petition_id>/re-review/answer/", views.re_review_answer, name="re-review-answer"),
    path("<id:petition_id>/key-matter/", views.key_matter, name="key-matter"),
    path("<id:petition_id>/contacts/", views.petition_contact, name="contact"),
]
