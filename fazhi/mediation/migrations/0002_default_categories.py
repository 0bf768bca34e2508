"""The default two-level dispute taxonomy (issue 7: its defaults include 城乡建设, 劳动与社会保障,
农业农村, 其他). An administrator may add categories or switch them off; these rows stay."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from fazhi.mediation.rules import DEFAULT_CATEGORIES as DEFAULTS


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    category = apps.get_model("mediation", "DisputeCategory")
    for name, children in DEFAULTS.items():
        parent, _ = category.objects.get_or_create(name=name, parent=None)
        for child in children:
            category.objects.get_or_create(name=child, parent=parent)


def remove(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    category = apps.get_model("mediation", "DisputeCategory")
    category.objects.filter(parent__isnull=False, parent__name__in=DEFAULTS).delete()
    category.objects.filter(parent__isnull=True, name__in=DEFAULTS).delete()


class Migration(migrations.Migration):
    dependencies = [("mediation", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
