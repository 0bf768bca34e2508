"""Every Fazhi setting, declared once and read from the environment.

The embedded default (one town, one machine) needs nothing set: SQLite under var/, files under
var/files, background work run inline. A district or city sets DATABASE_URL, REDIS_URL, SECRET_KEY
and ALLOWED_HOSTS. Test overrides live only in settings_test.py.
"""

import json
import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

# Lets admin.ModelAdmin[Model] and similar generic annotations run (django-stubs).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return default if raw is None or raw == "" else int(raw)


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_json(name: str, default: Any) -> Any:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return json.loads(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} is not valid JSON: {error}") from None


VAR_DIR = Path(env_str("FAZHI_VAR_DIR", str(BASE_DIR / "var")))
DEBUG = env_bool("FAZHI_DEBUG", default=False)


def _secret_key() -> str:
    configured = env_str("SECRET_KEY")
    if configured:
        if not DEBUG and (len(configured) < 50 or configured.startswith("django-insecure")):
            raise ImproperlyConfigured("SECRET_KEY is too short or an insecure placeholder.")
        return configured
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production (FAZHI_DEBUG off) refuses to start without a real secret."
        )
    # Development: generate once and keep it, so sessions survive a restart.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "axes",
    "fazhi.core",
    "fazhi.ledger",
    "fazhi.enforcement",
    "fazhi.disclosure",
    "fazhi.contracts",
    "fazhi.learning",
    "fazhi.decisions",
    "fazhi.mediation",
    "fazhi.petitions",
    "fazhi.prevention",
    "fazhi.governance",
    "fazhi.reports",
    "fazhi.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "fazhi.core.middleware.BrowserPolicies",
    "fazhi.core.middleware.ApiErrorsAsJson",
    "fazhi.core.middleware.RequestBodyCap",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "fazhi.core.middleware.SessionKeepingReads",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "fazhi.core.middleware.DomainErrorMiddleware",
    # Axes goes last so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fazhi.urls"
WSGI_APPLICATION = "fazhi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fazhi.core.context_processors.navigation",
            ],
        },
    },
]


def _database() -> dict[str, Any]:
    url = env_str("DATABASE_URL")
    if url:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
    else:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        # Kept open between requests like PostgreSQL's: opening one means running the PRAGMAs below
        # again, which cost more than the query of a cached public page.
        config = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "fazhi.sqlite3"),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of failing with
        # "database is locked" when the second upgrades its read lock; WAL lets readers go on meanwhile.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.Staff"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"

# Five wrong passwords lock the username from that address for 30 minutes.
AXES_FAILURE_LIMIT = env_int("FAZHI_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.5
# A username is locked at one address only, so a guesser elsewhere cannot lock a clerk out at their desk;
# an address that fails many logins whatever the usernames is refused by fazhi.core.login. Both read the
# address as core.access.client_address does (behind a proxy: FAZHI_CLIENT_ADDRESS_HEADER).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "fazhi.core.access.client_address"
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("FAZHI_LOGIN_ADDRESS_FAILURE_LIMIT", 30)
API_TOKEN_DAYS = env_int("FAZHI_API_TOKEN_DAYS", 90)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"

# A session ends after eight idle hours and when the browser closes.
SESSION_COOKIE_AGE = env_int("FAZHI_SESSION_SECONDS", 8 * 3600)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("FAZHI_STATIC_ROOT", str(VAR_DIR / "static")))

# Stored files (evidence, scans). Content-addressed blobs under FAZHI_FILE_ROOT.
FILE_ROOT = Path(env_str("FAZHI_FILE_ROOT", str(VAR_DIR / "files")))
MEDIA_ROOT = FILE_ROOT
FILE_UPLOAD_MAX_BYTES = env_int("FAZHI_FILE_UPLOAD_MAX_BYTES", 200 * 1024 * 1024)
# Body-camera video arrives in resumable pieces of at most UPLOAD_CHUNK_MAX_BYTES each.
EVIDENCE_UPLOAD_MAX_BYTES = env_int("FAZHI_EVIDENCE_UPLOAD_MAX_BYTES", 8 * 1024 * 1024 * 1024)
UPLOAD_CHUNK_MAX_BYTES = 4 * 1024 * 1024
# The largest request body of a form with files (several files, each within FILE_UPLOAD_MAX_BYTES, in one
# form stay within it); refused from its declared length before it is read (core.middleware.RequestBodyCap).
REQUEST_MAX_BYTES = env_int("FAZHI_REQUEST_MAX_BYTES", FILE_UPLOAD_MAX_BYTES + 16 * 1024 * 1024)

# 行政执法公示: how a penalised person's name is shown (surname: 张某某; full; hidden), and a province's
# own disclosure periods in months by severity, where they differ from disclosure.rules.DEFAULT_MONTHS.
DISCLOSURE_NAME_RULE = env_str("FAZHI_DISCLOSURE_NAME_RULE", "surname")
# Contract legality review (local rules, DOMAIN §3.5): the review period from complete materials,
# the filing period after signing, the amount from which a contract is flagged as possibly a major
# administrative decision, and how many days ahead the reminders warn.
CONTRACT_REVIEW_WORKING_DAYS = env_int("FAZHI_CONTRACT_REVIEW_WORKING_DAYS", 5)
CONTRACT_FILING_WORKING_DAYS = env_int("FAZHI_CONTRACT_FILING_WORKING_DAYS", 5)
CONTRACT_MAJOR_AMOUNT_YUAN = env_int("FAZHI_CONTRACT_MAJOR_AMOUNT_YUAN", 1_000_000)
CONTRACT_WARNING_DAYS = env_int("FAZHI_CONTRACT_WARNING_DAYS", 2)
# Learning (DOMAIN §3.8; the sources are unconfirmed, so both are settings): each officer's yearly
# training hours, and the 法治专题讲座 a leadership team holds a year.
LEARNING_HOURS_TARGET = env_int("FAZHI_LEARNING_HOURS_TARGET", 60)
LEARNING_LECTURES_TARGET = env_int("FAZHI_LEARNING_LECTURES_TARGET", 2)
# The mediation centre's closure target in calendar days (司法部令第75号: "一般在一个月内调结").
MEDIATION_TARGET_DAYS = env_int("FAZHI_MEDIATION_TARGET_DAYS", 30)
# How many days before its closure target an open matter is flagged as due soon.
MEDIATION_WARNING_DAYS = env_int("FAZHI_MEDIATION_WARNING_DAYS", 5)
# "三到位一处理" is a local work standard (DOMAIN §3.7): each item is marked done or not applicable
# before a matter is closed. A town with its own wording overrides this list in its settings.
MEDIATION_CHECKLIST = [
    ("solved", "诉求合理的，解决问题到位"),
    ("educated", "诉求无理的，思想教育到位"),
    ("assisted", "生活困难的，帮扶救助到位"),
    ("lawful", "行为违法的，依法处理"),
]
# The daily digest's outgoing channel (fazhi.core.channels): the log by default; an SMS or government
# messaging gateway with FAZHI_NOTIFY_CHANNEL=fazhi.core.channels.GatewayChannel and its URL.
NOTIFY_CHANNEL = env_str("FAZHI_NOTIFY_CHANNEL", "fazhi.core.channels.LogChannel")
NOTIFY_GATEWAY_URL = env_str("FAZHI_NOTIFY_GATEWAY_URL", "")
# The annual report (厅字〔2019〕28号): published before 1 April; heads and administrators are reminded
# from this many days before; fewer all-staff law trainings than this a year prompts a shortcoming.
REPORT_REMINDER_DAYS = env_int("FAZHI_REPORT_REMINDER_DAYS", 31)
REPORT_ALL_STAFF_TRAININGS_TARGET = env_int("FAZHI_REPORT_ALL_STAFF_TRAININGS_TARGET", 2)
# The staffing a town's annual report measures itself against, for every town of the installation:
# 法制审核人员, and people holding the 法律职业资格 (reviewers, counsel, 公职律师); fewer raises a
# shortcoming in 三.
REPORT_LEGAL_REVIEWERS_TARGET = env_int("FAZHI_REPORT_LEGAL_REVIEWERS_TARGET", 2)
REPORT_LEGAL_PROFESSIONALS_TARGET = env_int("FAZHI_REPORT_LEGAL_PROFESSIONALS_TARGET", 3)
# A person reads a few public pages a minute; a crawler hammering the portal is slowed before the
# database. Behind the district's own reverse proxy, name the header that carries the visitor's
# address as Django sees it (e.g. HTTP_X_REAL_IP); never set it where clients reach Django directly.
PUBLIC_PAGES_PER_MINUTE = env_int("FAZHI_PUBLIC_PAGES_PER_MINUTE", 120)
CLIENT_ADDRESS_HEADER = env_str("FAZHI_CLIENT_ADDRESS_HEADER", "")
# How long a decision stays on the portal, by the rule in force on its date and its severity
# (disclosure.rules.DEFAULT_REGIMES when empty), e.g.
# [{"name": "某省办法", "from": "2026-04-01", "months": {"minor": 3, "ordinary": 12, "serious": 36}}].
DISCLOSURE_REGIMES: list[dict[str, Any]] = env_json("FAZHI_DISCLOSURE_REGIMES", [])
# The 双公示 file: the date layout of CF_JDRQ, CF_YXQ and CF_GSJZQ, and how several 处罚类别 are joined.
SHUANGGONGSHI_DATE_FORMAT = env_str("FAZHI_SHUANGGONGSHI_DATE_FORMAT", "%Y/%m/%d")
SHUANGGONGSHI_CATEGORY_SEPARATOR = env_str("FAZHI_SHUANGGONGSHI_CATEGORY_SEPARATOR", ";")
# Uploads larger than this go to a temporary file instead of memory while Django parses the request.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024


def default_storage_config() -> dict[str, Any]:
    """Where stored files are kept: under FILE_ROOT, or, when FAZHI_S3_BUCKET names a bucket, on
    S3-compatible object storage (a city's evidence video). Either way a file is streamed through a
    staging file under FILE_ROOT while it is hashed (core.files), so that directory stays local."""
    bucket = env_str("FAZHI_S3_BUCKET")
    if not bucket:
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            # Every stored name is its content's hash or an upload piece's place, so a name saved again
            # is the same content or the same piece sent again: it replaces, as on object storage.
            "OPTIONS": {"location": str(FILE_ROOT), "allow_overwrite": True},
        }
    endpoint = env_str("FAZHI_S3_ENDPOINT_URL") or None
    return {
        "BACKEND": "fazhi.core.storage.ObjectStorage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint,
            "access_key": env_str("FAZHI_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("FAZHI_S3_SECRET_ACCESS_KEY") or None,
            "region_name": env_str("FAZHI_S3_REGION") or None,
            # A key prefix, for a bucket shared with other systems.
            "location": env_str("FAZHI_S3_PREFIX"),
            # A city's own store (MinIO, Ceph) is reached by path: no DNS name per bucket.
            "addressing_style": env_str("FAZHI_S3_ADDRESSING_STYLE", "path" if endpoint else "auto"),
            # Stored files are named by their SHA-256: writing one again writes the same bytes.
            "file_overwrite": True,
            # Private objects; every download goes through Django, which checks who may see the file.
            "default_acl": None,
            "querystring_auth": True,
            # A file written through the storage's own file object spills to disk beyond this.
            "max_memory_size": FILE_UPLOAD_MAX_MEMORY_SIZE,
        },
    }


STORAGES = {
    "default": default_storage_config(),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}

# The ledger's checkpoints are signed with this Ed25519 key; its name (the log's origin) appears in every
# checkpoint. Development creates the key on first use; production needs it created once and backed up.
LEDGER_SIGNING_KEY_FILE = Path(env_str("FAZHI_LEDGER_KEY_FILE", str(VAR_DIR / "ledger_signing.key")))
LEDGER_ORIGIN = env_str("FAZHI_LEDGER_ORIGIN", "fazhi.local/ledger")
# Every signed checkpoint is also kept here as a file (fazhi/ledger/checkpoint_files.py): a database
# restored from an older copy then cannot fork the log unnoticed. Back it up with the database.
LEDGER_CHECKPOINT_DIR = Path(env_str("FAZHI_LEDGER_CHECKPOINT_DIR", str(VAR_DIR / "ledger" / "checkpoints")))

REDIS_URL = env_str("REDIS_URL")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "fazhi.core.cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Public pages also kept in each process's memory (core.public_cache), a few hundred at most.
CACHES["public_pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "public-pages",
    "OPTIONS": {"MAX_ENTRIES": 500},
}

# Celery: a broker only when REDIS_URL is set; otherwise tasks run inline (the embedded setup).
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_DEFAULT_QUEUE = "default"
# Periodic jobs, declared once. The embedded setup runs the same services from cron instead:
# */10 * * * *  manage.py ledger_checkpoint      (https://crontab.guru/#*/10_*_*_*_*)
# The deployment smoke test (scripts/smoke.py) signs every few seconds to see beat and a worker at work.
LEDGER_CHECKPOINT_SECONDS = env_int("FAZHI_LEDGER_CHECKPOINT_SECONDS", 600)
CELERY_BEAT_SCHEDULE = {
    "ledger-checkpoint": {
        "task": "ledger.make_checkpoint",
        "schedule": float(LEDGER_CHECKPOINT_SECONDS),
        "options": {"queue": "periodic"},
    },
    # Early morning: clocks recounted and reminders ready when the office opens.
    "case-clock-reminders": {
        "task": "enforcement.send_clock_reminders",
        "schedule": crontab(hour=6, minute=30),
        "options": {"queue": "periodic"},
    },
    "contract-reminders": {
        "task": "contracts.send_reminders",
        "schedule": crontab(hour=6, minute=40),
        "options": {"queue": "periodic"},
    },
    "governance-supervision": {
        "task": "governance.raise_supervision",
        "schedule": crontab(hour=6, minute=45),
        "options": {"queue": "periodic"},
    },
    # After the reminder jobs: one message per person with the day's 待办 and reminders.
    "daily-digest": {
        "task": "core.send_daily_digests",
        "schedule": crontab(hour=7, minute=30),
        "options": {"queue": "periodic"},
    },
    # March: the towns whose last year's report is not yet public, before 1 April.
    "annual-report-reminders": {
        "task": "reports.send_reminders",
        "schedule": crontab(hour=6, minute=50),
        "options": {"queue": "periodic"},
    },
}

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("FAZHI_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("FAZHI_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("FAZHI_HSTS_PRELOAD", default=False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Django's own check asks for preload; a town's intranet host is not on the public preload list.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("FAZHI_LOG_LEVEL", "INFO")},
}
