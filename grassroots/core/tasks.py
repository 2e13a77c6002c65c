from django.tasks import task

from grassroots.core import exports


@task
def write_export(export_id: int) -> int:
    """Write a large Excel ledger (see core.exports); returns the rows written."""
    return exports.write(export_id).done
