"""What several browser tests do the same way."""

from __future__ import annotations

from payung.demo.seed import DEMO_PASSWORD


def sign_in(page, site: str, username: str) -> None:
    """Sign in as the demo user ``username`` (a fresh session) and land on the dashboard."""
    page.context.clear_cookies()
    page.goto(f"{site}/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{site}/dasbor/")  # the landing page after login (ADR 0045)
