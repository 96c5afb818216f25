from django.db import migrations


class Migration(migrations.Migration):
    """`minutes_approved_at` is a foreign key to the approving meeting, not a time."""

    dependencies = [("meetings", "0001_initial")]

    operations = [
        migrations.RenameField(
            model_name="meeting", old_name="minutes_approved_at", new_name="minutes_approved_in"
        ),
        migrations.RenameField(
            model_name="historicalmeeting",
            old_name="minutes_approved_at",
            new_name="minutes_approved_in",
        ),
    ]
