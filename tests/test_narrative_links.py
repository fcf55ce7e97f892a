"""Narrative link addresses: https, mailto, tel or relative pass; anything that could run code fails."""

from __future__ import annotations

import pytest

from generator.rules.plan import unsafe_url


@pytest.mark.parametrize(
    "url",
    [
        "https://www.harrow.gov.uk/",
        "HTTPS://example.org/a_(b)",
        "mailto:info@harrow.gov.uk",
        "tel:+442088631234",
        "../plan/about-harrow/",
        "#contacts",
        "contacts.md#andrew-trehern",
        "?page=2",
    ],
)
def test_safe_addresses_pass(url: str) -> None:
    assert not unsafe_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "&#106;avascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "http://example.org/",
        "//evil.example/",
        "file:///etc/passwd",
    ],
)
def test_addresses_that_could_run_code_or_leak_fail(url: str) -> None:
    assert unsafe_url(url)
