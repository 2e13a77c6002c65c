from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from grassroots.ledgers.columns import KINDS
from grassroots.ledgers.services import import_ledger


class Command(BaseCommand):
    help = "Import a ledger (台账) from an .xlsx file; nothing is imported if any row is wrong."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(KINDS), help="The kind of ledger.")
        parser.add_argument("file", help="Path to the .xlsx file.")

    def handle(self, *args, kind: str, file: str, **options):
        try:
            handle = open(file, "rb")  # noqa: SIM115 - closed by the with block below
        except OSError as error:
            raise CommandError(
                _("Cannot open %(file)s: %(error)s") % {"file": file, "error": error}
            ) from None
        with handle:
            result = import_ledger(actor=None, kind=kind, file=handle)
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
