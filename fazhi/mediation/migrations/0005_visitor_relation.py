"""A visit's visitors keep how each stands to the matter (与纠纷的关系): the plain many-to-many's table is
adopted as the DisputeVisitor model as it is (state only), then gains the relation column; the visits
registered before keep their visitors, with the relation blank (not recorded)."""

import django.db.models.deletion
from django.db import migrations, models

RELATIONS = [
    ("party", "纠纷当事人"),
    ("representative", "群体来访代表"),
    ("agent", "委托代理人"),
    ("relative", "近亲属"),
    ("other", "其他"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_api_token_expiry_required"),
        ("mediation", "0004_mediation_centre"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="DisputeVisitor",
                    fields=[
                        ("id", models.AutoField(primary_key=True, serialize=False)),
                        (
                            "dispute",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, to="mediation.dispute"
                            ),
                        ),
                        (
                            "party",
                            models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="core.party"),
                        ),
                    ],
                    options={
                        "verbose_name": "来访人",
                        "verbose_name_plural": "来访人",
                        "db_table": "mediation_dispute_visitors",
                        "unique_together": {("dispute", "party")},
                    },
                ),
                migrations.AlterField(
                    model_name="dispute",
                    name="visitors",
                    field=models.ManyToManyField(
                        related_name="disputes",
                        through="mediation.DisputeVisitor",
                        to="core.party",
                        verbose_name="来访人（代表）",
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="disputevisitor",
            name="relation",
            field=models.CharField(
                blank=True, choices=RELATIONS, default="", max_length=20, verbose_name="与纠纷的关系"
            ),
        ),
    ]
