"""Settings for the test suite: the ordinary settings with ACCORD_TESTING on
(fast password hashing, loud undefined template variables, a fixed key)."""

import os

os.environ["ACCORD_TESTING"] = "1"

from accord.config.settings import *  # noqa: F403

# Static files are served from the apps (WHITENOISE_USE_FINDERS); no collected
# folder exists in tests, and WhiteNoise would warn about a missing one.
STATIC_ROOT = None

# Two-factor sign-in is enforced by its own tests (tests/accounts/two_factor_test.py);
# elsewhere a signed-in secretariat goes straight to the page under test.
ACCORD_TWO_FACTOR_ROLES = []
