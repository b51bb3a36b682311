import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("live", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="presence",
            name="last_seen",
            field=models.DateTimeField(
                default=django.utils.timezone.now,
                help_text="When the connection last said it was alive (its pings, every 25 s).",
            ),
            preserve_default=False,
        ),
    ]
