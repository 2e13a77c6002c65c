"""What other apps may hear about cases without the cases app knowing them."""

from django.dispatch import Signal

# Sent inside the transaction after a case moved: kwargs `case`, `action`, `event`.
case_moved = Signal()
