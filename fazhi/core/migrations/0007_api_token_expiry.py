import datetime

from django.db import migrations, models

# Tokens issued before tokens expired get the default lifetime from their issue, so an old script's
# token ends in at most 90 days rather than never.
LIFETIME = datetime.timedelta(days=90)


def expire_existing(apps, schema_editor):
    ApiToken = apps.get_model("core", "ApiToken")
    for token in ApiToken.objects.all().only("pk", "created_at"):
        ApiToken.objects.filter(pk=token.pk).update(expires_at=token.created_at + LIFETIME)


class Migration(migrations.Migration):
    dependencies = [("core", "0006_public_content_version")]

    operations = [
        migrations.AddField(model_name="apitoken", name="expires_at", field=models.DateTimeField(null=True)),
        migrations.RunPython(expire_existing, migrations.RunPython.noop),
    ]
