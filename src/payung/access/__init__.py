"""Who may read and do what: the region scope of every read and the capability check of every
write, and the read-only admin site. Below audit and accounts, so both can use it."""
