"""The ABH-Netz site shell (folder ``site/``, package ``abhnetz``)."""
