"""The default two-level dispute taxonomy (issue 7: its defaults include 城乡建设, 劳动与社会保障,
农业农村, 其他). An administrator may add categories or switch them off; these rows stay."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

DEFAULTS = {
    "城乡建设": ["征地拆迁", "物业管理", "违法建设", "环境污染"],
    "劳动与社会保障": ["拖欠工资", "劳动合同", "社会保险", "工伤"],
    "农业农村": ["土地承包", "宅基地", "农村集体经济", "山林水利"],
    "婚姻家庭与邻里": ["婚姻家庭", "邻里纠纷", "赡养抚养"],
    "其他": [],
}


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
