"""Settings: production refuses to start without a secret and passes Django's deploy checks;
load_demo refuses to run outside development."""

import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from conftest import ROOT, run_manage

# The demo year fazhi/demo/year2020 replays.
YEAR = 2020


def test_production_refuses_to_start_without_a_secret(tmp_path):
    result = run_manage("check", var_dir=tmp_path, env={"FAZHI_DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_server_without_a_secret_refuses_to_start(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "FAZHI_DEBUG", "DATABASE_URL"}
    }
    env.update({"DJANGO_SETTINGS_MODULE": "fazhi.settings", "FAZHI_VAR_DIR": str(tmp_path)})
    result = subprocess.run(
        [sys.executable, "-c", "import fazhi.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_bare_checkout_runs_management_commands_in_development_mode(tmp_path):
    result = run_manage("makemigrations", "--check", "--dry-run", var_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "secret_key").exists()


def test_production_refuses_a_placeholder_secret(tmp_path):
    result = run_manage("check", var_dir=tmp_path, env={"SECRET_KEY": "django-insecure-abc"})
    assert result.returncode != 0
    assert "insecure" in result.stderr


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    secret = "s" * 20 + "9f8e7d6c5b4a3" + "Q" * 30
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        var_dir=tmp_path,
        env={"SECRET_KEY": secret, "ALLOWED_HOSTS": "fazhi.example"},
    )
    assert result.returncode == 0, result.stderr


def test_development_generates_and_keeps_a_secret_in_var(tmp_path):
    first = run_manage("check", var_dir=tmp_path, env={"FAZHI_DEBUG": "1"})
    assert first.returncode == 0, first.stderr
    secret = (tmp_path / "secret_key").read_text()
    run_manage("check", var_dir=tmp_path, env={"FAZHI_DEBUG": "1"})
    assert (tmp_path / "secret_key").read_text() == secret
    assert len(secret) >= 50


@pytest.mark.django_db
def test_load_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="只能在开发环境"):
        call_command("load_demo")


@pytest.mark.django_db
def test_load_demo_builds_the_demo_town_with_every_role(settings):
    from fazhi.core.models import Organisation, StaffRole
    from fazhi.core.roles import Role

    settings.DEBUG = True
    call_command("load_demo")
    names = set(Organisation.objects.values_list("name", flat=True))
    assert {"天津市", "西青区", "辛口镇", "综合行政执法队", "司法所", "矛调中心", "信访办", "辛口村"} <= names
    assert set(StaffRole.objects.values_list("role", flat=True)) == set(Role.values)
    from fazhi.enforcement.models import Case, DelegatedPower, DeviceAssignment

    # Today's records; the demo year before them is checked in fazhi/reports/tests/test_demo_year.py.
    assert DelegatedPower.objects.filter(organisation__name="辛口镇").count() == 3
    assert sorted(Case.objects.exclude(received_on__year=YEAR).values_list("procedure", "stage")) == [
        ("ordinary", "lead"),
        ("ordinary", "legal_review"),
        ("summary", "served"),
        ("summary", "served"),
        ("summary", "served"),
    ]
    from fazhi.disclosure.models import Publication

    assert sorted(Publication.objects.exclude(decided_on__year=YEAR).values_list("status", flat=True)) == [
        "draft",
        "published",
        "published",
    ]
    from fazhi.contracts.models import Contract

    assert sorted(Contract.objects.exclude(received_on__year=YEAR).values_list("status", flat=True)) == [
        "filed",
        "reviewed",
        "submitted",
    ]
    from fazhi.mediation.models import Dispute

    current = Dispute.objects.exclude(received_on__year=YEAR)
    assert sorted(current.values_list("status", "outcome")) == [("closed", "agreement"), ("dispatched", "")]
    assert current.get(status="closed").follow_ups.get().satisfaction == "satisfied"
    from fazhi.petitions.models import Petition

    assert sorted(Petition.objects.exclude(received_on__year=YEAR).values_list("status", "is_key")) == [
        ("accepted", False),
        ("concluded", True),
        ("review", False),
    ]
    assert set(DeviceAssignment.objects.values_list("staff__username", flat=True)) == {
        "zhifa1",
        "zhifa2",
        "fuzhu",
    }
    assert Organisation.objects.get(name="辛口镇").community_volunteers.filter(left_on=None).count() == 43
    call_command("load_demo", "--if-empty")
    assert Organisation.objects.filter(name="辛口镇").count() == 1
