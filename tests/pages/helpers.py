"""Shared helpers of the page tests."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

# Roles that see what a process shares with its participants (observers see it
# because world() leaves observers_see_documents/meetings at their default, True).
SEES_PARTICIPANT_MATERIAL = frozenset(
    {"participant", "other_participant", "observer", "secretariat", "chair", "facilitator"}
)


def sign_in(client: Client, user: Any) -> Client:
    """Sign `user` in (None: stay anonymous)."""
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


def fetch(client: Client, url: str, *, status: int = 200) -> str:
    """GET `url`, check the status and that no template variable was undefined."""
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    html = response.content.decode()
    assert "INVALID[" not in html, re.findall(r"INVALID\[[^\]]*\]", html)
    return html


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        fetch(client, url)
    return len(queries)


def text_of(html: str) -> str:
    """The page's text with tags dropped and white space collapsed, for
    asserting on sentences that span elements."""
    without_tags = re.sub(r"<[^>]+>", " ", html)
    return unescape(re.sub(r"\s+", " ", without_tags).strip())


def sign_in_with_password(client: Client, username: str, password: str) -> bool:
    """Sign in through the sign-in page, as a person does (and as login
    throttling sees it); True when it worked."""
    client.post("/accounts/login/", {"username": username, "password": password})
    return "_auth_user_id" in client.session
