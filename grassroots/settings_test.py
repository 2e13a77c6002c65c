"""Settings for the test suite: the production settings with fast hashing and immediate tasks."""

import os
import tempfile

os.environ.setdefault("GRASSROOTS_VAR_DIR", tempfile.mkdtemp(prefix="grassroots-test-"))
os.environ["GRASSROOTS_FAST_HASHER"] = "true"
os.environ.setdefault("GRASSROOTS_MANIFEST_STATIC", "false")

from grassroots.settings import *  # noqa: F403
from grassroots.settings import DATABASES, VAR_DIR

TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Thread tests need a file-based SQLite database (an in-memory one reports "table is locked").
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
# Serve static files straight from the apps in the test server (no collectstatic).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The suite (schemathesis above all) calls the API faster than any person; the 429 test lowers it.
API_RATE = "100000/min"
