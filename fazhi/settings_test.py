"""Test settings: the production settings with a fixed secret and a private file root."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-" + "k" * 60)
os.environ.setdefault("FAZHI_VAR_DIR", tempfile.mkdtemp(prefix="fazhi-test-var-"))

from fazhi.settings import *  # noqa: F403  (the test settings are the real ones plus overrides)
from fazhi.settings import PASSWORD_HASHERS, STORAGES, VAR_DIR

SECURE_SSL_REDIRECT = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
FILE_ROOT = VAR_DIR / "files"
STORAGES = {
    **STORAGES,
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(FILE_ROOT), "allow_overwrite": True},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Cookies must travel over the live server's plain http in browser tests.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# WhiteNoise serves from STATIC_ROOT and warns when it does not exist; tests never collect static files.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
# Each test builds its town's staff afresh; Argon2 (deliberately slow) would make that most of the
# suite's time. Passwords stored here are checked the same way; the login test checks Argon2 itself.
PRODUCTION_PASSWORD_HASHERS = PASSWORD_HASHERS
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
