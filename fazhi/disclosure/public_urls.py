from django.urls import path

from fazhi.disclosure import views

app_name = "gongshi"

urlpatterns = [
    path("", views.public_list, name="list"),
    path("<id:publication_id>/", views.public_detail, name="detail"),
    path("<id:publication_id>/proof.json", views.public_proof, name="proof"),
    path("zhuti/", views.public_authorities, name="authorities"),
    path("zhuti/<id:organisation_id>/", views.public_authority, name="authority"),
]
