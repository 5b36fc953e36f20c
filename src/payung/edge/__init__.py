"""What every view needs, whichever stage it belongs to: the reader's language and the way a
refusal is said (``pages``), two-step confirmations (``confirm``) and the JSON API's edge
(``api``). A foundation: it imports only ``payung.domain``, ``payung.access``, ``payung.db`` and
Django, never a stage app, so every app's views may use it (see README.md)."""
