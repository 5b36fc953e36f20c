"""``makemessages`` that also extracts ``_lazy("…")`` (our alias of ``gettext_lazy`` in modules
that already use ``_`` for ``gettext``), so its strings are never dropped as obsolete."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=_lazy"]
