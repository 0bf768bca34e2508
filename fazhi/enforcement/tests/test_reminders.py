"""The daily job: running clocks recounted when holidays are entered later, reminders once a day to the
case's officers and the town's heads, shown on their home page."""

import datetime
import io

from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from fazhi.core import calendar
from fazhi.core import services as core_services
from fazhi.core.models import FormSubmission, Notification
from fazhi.enforcement import services
from fazhi.enforcement.models import Case, UploadSession
from fazhi.ledger.models import Event
from fazhi.testing.enforcement import TODAY, file, lead


def test_a_lapsing_clock_reminds_officers_and_heads_once_a_day(town, decided):
    service_due = calendar.add_working_days(TODAY, 7)
    on = service_due - datetime.timedelta(days=1)
    run = services.send_clock_reminders(today=on)
    assert run.reminded_cases == 1
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert recipients == {"officer", "officer2", "head"}
    note = Notification.objects.filter(recipient=town.officer).get()
    assert "还剩 1 日" in note.text
    assert str(decided) in note.text
    services.send_clock_reminders(today=on)
    assert Notification.objects.count() == 3, "a second run on the same day repeats nothing"

    home = Client()
    home.force_login(town.officer)
    page = home.get("/").content.decode()
    assert note.text in page
    home.post(f"/notifications/{note.pk}/read/")
    assert note.text not in home.get("/").content.decode()


def test_a_clock_far_from_its_end_reminds_nobody(town):
    file(town, lead(town))
    assert services.send_clock_reminders(today=TODAY).reminded_cases == 0
    assert not Notification.objects.exists()


def test_a_holiday_entered_after_the_clock_started_moves_its_due_date(town, decided):
    due = decided.clock_due
    assert due is not None
    # The platform's administrator enters a day off within the service period (as for a later year's
    # schedule).
    holiday = next(
        day
        for day in (TODAY + datetime.timedelta(days=n) for n in range(1, 10))
        if calendar.is_working_day(day)
    )
    core_services.save_holiday_override(
        town.system, day=holiday, is_working_day=False, name="调休", source="通知"
    )
    services.send_clock_reminders(today=TODAY)
    decided.refresh_from_db()
    assert decided.clock_due == calendar.add_working_days(TODAY, 7)
    assert decided.clock_due > due
    event = Event.objects.filter(action="enforcement.case.clock_recounted").get()
    assert due.isoformat() in event.entry


def test_the_command_runs_the_job(town, decided):
    Case.objects.filter(pk=decided.pk).update(clock_due=TODAY - datetime.timedelta(days=1))
    output = io.StringIO()
    call_command("send_case_reminders", stdout=output)
    # The stored date was wrong; the job counts it again from the decision, so nothing has lapsed.
    assert "重新计算期限 1 件" in output.getvalue()
    assert Case.objects.get(pk=decided.pk).clock_due == calendar.add_working_days(TODAY, 7)


def test_the_job_removes_abandoned_uploads_and_old_form_tokens(town, decided):
    session = services.start_upload(town.officer, decided, original_name="v.mp4", total_bytes=100)
    services.receive_piece(town.officer, session.key, io.BytesIO(b"x" * 10), offset=0, length=10)
    fresh = services.start_upload(town.officer, decided, original_name="w.mp4", total_bytes=100)
    UploadSession.objects.filter(pk=session.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    FormSubmission.objects.create(token="a" * 32, staff=town.officer)
    FormSubmission.objects.filter(token="a" * 32).update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    assert default_storage.exists(f"partial/{session.key}")
    run = services.send_clock_reminders(today=TODAY)
    assert run.purged_uploads == 1
    assert not default_storage.exists(f"partial/{session.key}")
    assert list(UploadSession.objects.values_list("key", flat=True)) == [fresh.key]
    assert not FormSubmission.objects.exists()
