"""What every ledger written by the worker must be: the asker's, complete, audited, and
refused to anyone else."""

from grassroots.accounts.models import User
from grassroots.core.models import AuditEntry


def check_worker_export(client, export, *, owner: User, kind: str, total: int, stranger: str):
    assert (export.user, export.kind, export.status) == (owner, kind, "done")
    assert (export.total, export.done) == (total, total)
    assert AuditEntry.objects.filter(
        actor=owner, action="export", detail__list=kind, detail__job=export.pk
    ).exists()
    client.force_login(User.objects.get(username=stranger))
    assert client.get(f"/exports/{export.pk}/").status_code == 404
    assert client.get(f"/exports/{export.pk}/file/").status_code == 404
