from django.core.management.base import BaseCommand

from cooperation.permissions import sync_all_permissions


class Command(BaseCommand):
    help = (
        "Bring every user's groups and object permissions in line with their current "
        "memberships and staff links. Run daily: memberships start and end by date."
    )

    def handle(self, *args, **options):
        count = sync_all_permissions()
        self.stdout.write(f"Berechtigungen für {count} Konten abgeglichen.")
