"""Build a live session in the database named by ACCORD_DATABASE_URL and
print, as JSON, what a client needs: the session, provision uids and a
signed-in session cookie per role. Run by the two-node test (and usable by
hand): `python -m tests.live.nodes_scene`."""

from __future__ import annotations

import json
import os


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.config.settings_test")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from accord.live import services
    from tests.live.scene import live_scene

    live = live_scene()
    services.grant_pen(actor=live.user("chair"), session=live.s, to=live.user("participant"))
    cookies = {}
    for role, user in live.w.users.items():
        if user is None:
            continue
        client = Client()
        client.force_login(user)
        cookies[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    print(
        json.dumps(
            {
                "session": live.s.pk,
                "cookie_name": settings.SESSION_COOKIE_NAME,
                "cookies": cookies,
                "uids": {number: live.uid(number) for number in live.provisions},
            }
        )
    )


if __name__ == "__main__":
    main()
