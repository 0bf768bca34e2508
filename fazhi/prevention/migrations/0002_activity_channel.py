"""An activity records its channel (现场活动, 短信, 微信群、朋友圈, 卡口点位, 广播, 其他). Those recorded before
had none and take 现场活动, the way most are held; new ones must name theirs."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("prevention", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="preventionactivity",
            name="channel",
            field=models.CharField(
                choices=[
                    ("on_site", "现场活动"),
                    ("sms", "短信"),
                    ("wechat", "微信群、朋友圈"),
                    ("checkpoint", "卡口点位"),
                    ("broadcast", "广播"),
                    ("other", "其他"),
                ],
                default="on_site",
                max_length=20,
                verbose_name="渠道",
            ),
            preserve_default=False,
        ),
    ]
