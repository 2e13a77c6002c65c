import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from grassroots.accounts.models import Role
from grassroots.conftest import make_user

pytestmark = pytest.mark.django_db


def test_staff_session_expires_after_thirty_idle_minutes(client, community):
    user = make_user("staffer", Role.COMMUNITY_STAFF, area=community)
    client.force_login(user)
    client.get(reverse("home"))
    assert client.session.get_expiry_age() == 30 * 60


def test_resident_session_lasts_longer(client, building):
    user = make_user("someone", Role.RESIDENT, area=building)
    client.force_login(user)
    client.get(reverse("home"))
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE > 30 * 60


def test_pages_require_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_strict_content_security_policy(client):
    policy = client.get(reverse("login")).headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "http" not in policy


def test_production_settings_secure_cookies_and_hsts():
    env = {
        **os.environ,
        "GRASSROOTS_PRODUCTION": "true",
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_SETTINGS_MODULE": "grassroots.settings",
    }
    code = (
        "import json; from django.conf import settings as s; import django; django.setup();"
        "print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS,"
        " s.SECURE_SSL_REDIRECT, s.DEBUG]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout) == [True, True, 31536000, True, False]


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "GRASSROOTS_PRODUCTION": "true", "DJANGO_SECRET_KEY": ""}
    env["DJANGO_SETTINGS_MODULE"] = "grassroots.settings"
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in out.stderr
