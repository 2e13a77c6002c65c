from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from grassroots.accounts.models import User
from grassroots.ledgers.columns import KINDS
from grassroots.ledgers.permissions import can_import_ledgers
from grassroots.ledgers.services import import_ledger


class Command(BaseCommand):
    help = "Import a ledger (台账) from an .xlsx file; nothing is imported if any row is wrong."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(KINDS), help="The kind of ledger.")
        parser.add_argument("file", help="Path to the .xlsx file.")
        parser.add_argument(
            "--as",
            dest="username",
            help="Import as this user, within the areas they may import to "
            "(without it: the whole deployment, as its operator).",
        )

    def handle(self, *args, kind: str, file: str, username: str | None = None, **options):
        actor = None
        if username:
            actor = User.objects.filter(username=username, is_active=True).first()
            if actor is None or not can_import_ledgers(actor):
                raise CommandError(_("%(user)s may not import ledgers.") % {"user": username})
        try:
            handle = open(file, "rb")  # noqa: SIM115 - closed by the with block below
        except OSError as error:
            raise CommandError(
                _("Cannot open %(file)s: %(error)s") % {"file": file, "error": error}
            ) from None
        with handle:
            result = import_ledger(actor=actor, kind=kind, file=handle)
        if not result.ok:
            for issue in result.issues:
                self.stderr.write(str(issue))
            count = len(result.issues)
            raise CommandError(
                ngettext(
                    "Nothing was imported: the file has %(count)d problem.",
                    "Nothing was imported: the file has %(count)d problems.",
                    count,
                )
                % {"count": count}
            )
        self.stdout.write(self.style.SUCCESS(result.summary()))
