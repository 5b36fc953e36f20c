"""Two-step decisions (ADR 0027) driven through Django's client."""

from __future__ import annotations

from typing import Any


def asked(client: Any, url: str, data: dict[str, Any]) -> Any:
    """POST the choice; it must answer with the confirmation page and change nothing."""
    response = client.post(url, data)
    assert response.status_code == 200, (response.status_code, response.get("Location"))
    assert "web/confirm.html" in [t.name for t in response.templates]
    return response


def confirm(client: Any, url: str, data: dict[str, Any], **options: Any) -> Any:
    """POST the choice, then POST the confirmation's token where the page sends it."""
    page = asked(client, url, data)
    target = page.context["confirmation"].action_url
    return client.post(target, {"confirm": page.context["token"]}, **options)
