"""How far a phone's clock may run ahead of the server's: a time still to come did not happen yet.

Phones set their clocks from the network, yet some drift or are set by hand. A few minutes ahead is
such drift; more than that is a time that cannot be true, and the desk would sort and show it as if it
were (an alert "at 09:50" received at 09:43). Such a time is replaced by the server's, never refused:
refusing would lose an urgent alert over a clock. Five minutes is the common allowance for clock skew
between machines (Kerberos' default).
"""
from datetime import datetime, timedelta

CLOCK_SKEW = timedelta(minutes=5)


def ahead(moment: datetime, now: datetime) -> bool:
    """Is ``moment`` later than ``now`` by more than a phone's clock may drift?"""
    return moment > now + CLOCK_SKEW


def believable(moment: datetime, now: datetime) -> datetime:
    """``moment``, or ``now`` when ``moment`` is further ahead than a clock may drift."""
    return now if ahead(moment, now) else moment
