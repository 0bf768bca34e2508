from django.urls import path

from fazhi.disclosure import views

app_name = "gongshi"

urlpatterns = [
    path("", views.public_list, name="list"),
    path("<int:publication_id>/", views.public_detail, name="detail"),
    path("<int:publication_id>/proof.json", views.public_proof, name="proof"),
    path("zhuti/", views.public_authorities, name="authorities"),
    path("zhuti/<int:organisation_id>/", views.public_authority, name="authority"),
]
