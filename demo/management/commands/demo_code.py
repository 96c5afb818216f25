from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from demo import data as demo_data


class Command(BaseCommand):
    help = (
        "Print the current second-factor code of the demo accounts (development only: "
        "they share the known secret from seed_demo)."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Der Demo-Code wird nur bei DEBUG=True angezeigt.")
        self.stdout.write(f"{totp(bytes.fromhex(demo_data.DEMO_TOTP_KEY)):06d}")
