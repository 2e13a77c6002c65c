from django.core.management.base import BaseCommand

from grassroots.accounts.models import Role
from grassroots.demo import data


class Command(BaseCommand):
    help = "Print the demo logins, one per role."

    def handle(self, *args, **options):
        labels = dict(Role.choices)
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {data.PASSWORD}):")
        for username, _name, mobile, role, where in data.LOGINS:
            scope = where.removeprefix("unit:")
            self.stdout.write(f"  {username:<11} {mobile}  {labels[role]} — {scope}")
        self.stdout.write("  Sign in with the username or the mobile number.")
        self.stdout.write("")
