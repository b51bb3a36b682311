"""Settings for the test suite: the ordinary settings with ACCORD_TESTING on
(fast password hashing, loud undefined template variables, a fixed key)."""

import os

os.environ["ACCORD_TESTING"] = "1"

from accord.config.settings import *  # noqa: F403
