from django.urls import path

from fazhi.ledger import views

app_name = "ledger"

urlpatterns = [
    path("events/<id:sequence>/proof.json", views.event_proof, name="event-proof"),
    path("files/<id:attachment_id>/proof.json", views.file_proof, name="file-proof"),
    path("public-key.txt", views.public_key, name="public-key"),
    path("checkpoint.txt", views.latest_checkpoint, name="checkpoint-latest"),
    path("verify.py", views.offline_verifier, name="offline-verifier"),
]
