"""Numbers people quote (transfer cards, volunteer certificates): the next serial of a sequence.

Each sequence (a county's cards of a year, say) is guarded by a unique constraint in the
database. Two issues racing may read the same last serial; the second insert then clashes, its
savepoint is rolled back, and it reads the sequence again — so no number is given twice and a
loser waits for a fresh one instead of failing.
"""

from collections.abc import Callable

from django.db import IntegrityError, transaction

ATTEMPTS = 5


def issue_numbered[T](*, last: Callable[[], int | None], create: Callable[[int], T]) -> T | None:
    """Create a row with the serial after `last()`, reading again after a clash; None when every
    attempt clashed (the caller refuses with "try again")."""
    for _attempt in range(ATTEMPTS):
        serial = (last() or 0) + 1
        try:
            with transaction.atomic():
                return create(serial)
        except IntegrityError:
            continue
    return None
