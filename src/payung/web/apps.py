from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "payung.web"
    label = "web"
    verbose_name = "Web"

    def ready(self) -> None:
        # The top of the tree wires the stages' reactions to each other (payung/reactions.py).
        from payung import events, reactions

        events.wire(reactions.REACTIONS)
