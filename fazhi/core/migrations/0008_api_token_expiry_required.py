from django.db import migrations, models


class Migration(migrations.Migration):
    # Apart from 0007's data change: PostgreSQL refuses to alter a table with pending trigger events.
    dependencies = [("core", "0007_api_token_expiry")]

    operations = [
        migrations.AlterField(model_name="apitoken", name="expires_at", field=models.DateTimeField()),
    ]
