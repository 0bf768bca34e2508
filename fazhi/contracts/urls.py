from django.urls import path

from fazhi.contracts import views

app_name = "contracts"

urlpatterns = [
    path("", views.register, name="register"),
    path("register.xlsx", views.register_xlsx, name="register-xlsx"),
    path("new/", views.create, name="create"),
    path("<id:contract_id>/", views.detail, name="detail"),
    path("<id:contract_id>/review/", views.review, name="review"),
    path("<id:contract_id>/resubmit/", views.resubmit, name="resubmit"),
    path("<id:contract_id>/sign/", views.sign, name="sign"),
    path("<id:contract_id>/file/", views.file, name="file"),
    path("<id:contract_id>/milestones/", views.milestone, name="milestone"),
    path("<id:contract_id>/milestones/<id:milestone_id>/done/", views.milestone_done, name="milestone-done"),
    path("reviews/<id:review_id>/opinion.docx", views.opinion_docx, name="opinion-docx"),
]
