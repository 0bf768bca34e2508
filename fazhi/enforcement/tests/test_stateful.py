"""Random sequences of actions through the services, as officers, reviewers and heads might take them
in any order, with the days passing. After every step the invariants hold: no decision without the
review the case requires, no stage skipped, every change in the ledger and every refusal changing
nothing, every running clock the one its rule gives."""

import datetime
from typing import Any
from unittest import mock

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from fazhi.core.errors import DomainError
from fazhi.enforcement import rules as law
from fazhi.enforcement import selectors, services
from fazhi.enforcement.models import Case, LegalReview, PenaltyDecision
from fazhi.enforcement.rules import Procedure, ReviewGrounds, Stage
from fazhi.ledger.models import Event
from fazhi.testing.enforcement import TODAY

# Stages whose clock has stopped: nothing is due from the town any more.
NO_CLOCK = {Stage.LEAD, Stage.NOT_FILED, Stage.PAID, Stage.CLOSED, Stage.ARCHIVED}


def case_events(case: Case) -> int:
    return Event.objects.filter(subject_type="enforcement.case", subject_id=str(case.pk)).count()


class CaseMachine(RuleBasedStateMachine):
    world: Any = None  # the `investigated`-ready town, set by the test below

    def __init__(self) -> None:
        super().__init__()
        self.today = TODAY
        self.case: Case
        self.town: Any

    def act(self, call, *, moves: bool = True) -> None:
        """Run one service as of self.today. A refusal must leave the case and the ledger untouched;
        a success must add ledger events and, when the step moves the case, follow a transition."""
        before_stage = Case.objects.get(pk=self.case.pk).stage
        before_events = case_events(self.case)
        with mock.patch.object(timezone, "localdate", return_value=self.today):
            try:
                call()
            except DomainError:
                assert Case.objects.get(pk=self.case.pk).stage == before_stage
                assert case_events(self.case) == before_events
                return
        after = Case.objects.get(pk=self.case.pk)
        assert case_events(self.case) > before_events, "every change is in the ledger"
        if after.stage != before_stage:
            law.require_transition(Procedure.ORDINARY, Stage(before_stage), Stage(after.stage))
        self.case = after

    @initialize()
    def lead_and_file(self) -> None:
        town = self.world
        self.town = town
        with mock.patch.object(timezone, "localdate", return_value=self.today):
            case = services.register_lead(
                town.officer, title="占道经营", source="patrol", received_on=TODAY, act_on=TODAY
            )
        self.case = case

    @precondition(lambda self: self.case.stage in {Stage.LEAD})
    @rule(as_head=st.booleans())
    def file(self, as_head: bool) -> None:
        actor = self.town.head if as_head else self.town.officer
        self.act(
            lambda: services.file_case(
                actor,
                self.case,
                party=self.town.party,
                power=self.town.power,
                act_ended_on=TODAY,
                endangers_life_health_or_finance=False,
            )
        )

    @precondition(lambda self: self.case.stage in {Stage.FILED})
    @rule(team=st.sampled_from(["two", "with_auxiliary", "alone"]))
    def investigate(self, team: str) -> None:
        people = {
            "two": [self.town.officer, self.town.officer2],
            "with_auxiliary": [self.town.officer, self.town.auxiliary],
            "alone": [self.town.officer],
        }[team]
        self.act(lambda: services.start_investigation(self.town.officer, self.case, investigators=people))

    @precondition(lambda self: self.case.stage in {Stage.INVESTIGATING})
    @rule(review=st.booleans(), major=st.booleans())
    def close_investigation(self, review: bool, major: bool) -> None:
        self.act(
            lambda: services.close_investigation(
                self.town.officer,
                self.case,
                outcome="penalty",
                findings="事实清楚",
                review_grounds=ReviewGrounds(major_public_interest=review),
                major_or_complex=major,
            )
        )

    @precondition(lambda self: self.case.stage in {Stage.INVESTIGATION_CLOSED, Stage.NOTIFIED})
    # 5,000 yuan reaches the default 较大数额 and carries the hearing right (art. 63).
    @rule(fine=st.sampled_from([0, 500_00, 2_000_00, 5_000_00]), days=st.sampled_from([0, 3]))
    def notify(self, fine: int, days: int) -> None:
        self.act(
            lambda: services.issue_notice(
                self.town.officer,
                self.case,
                proposed_penalties="罚款" if fine else "警告",
                penalty_kinds=["fine"] if fine else ["warning"],
                proposed_fine_fen=fine,
                facts="事实",
                served_on=self.today,
                statement_working_days=days,
            )
        )

    @precondition(lambda self: self.case.stage in {Stage.NOTIFIED})
    @rule()
    def waive_defence(self) -> None:
        self.act(lambda: services.record_defence(self.town.officer, self.case, statement="", waived=True))

    @precondition(lambda self: self.case.stage in {Stage.NOTIFIED})
    @rule()
    def request_hearing(self) -> None:
        self.act(lambda: services.request_hearing(self.town.officer, self.case, requested_on=self.today))

    @precondition(lambda self: self.case.stage in {Stage.HEARING})
    @rule()
    def hold_hearing(self) -> None:
        self.act(
            lambda: services.hold_hearing(
                self.town.head,
                self.case,
                chair=self.town.reviewer,
                notice_sent_on=self.today - datetime.timedelta(days=20),
                held_on=self.today,
                record_signed=True,
            )
        )

    @precondition(lambda self: self.case.stage in {Stage.NOTIFIED, Stage.HEARING})
    @rule()
    def submit_review(self) -> None:
        self.act(lambda: services.submit_legal_review(self.town.officer, self.case))

    @precondition(lambda self: self.case.stage in {Stage.LEGAL_REVIEW})
    @rule(opinion=st.sampled_from(["agreed", "problems"]))
    def review(self, opinion: str) -> None:
        self.act(lambda: services.review_case(self.town.reviewer, self.case, opinion=opinion, reasons="理由"))

    @precondition(lambda self: self.case.stage in {Stage.NOTIFIED, Stage.HEARING, Stage.LEGAL_REVIEW})
    @rule()
    def discuss(self) -> None:
        self.act(
            lambda: services.record_collective_discussion(
                self.town.head,
                self.case,
                held_on=self.today,
                attendees="班子成员",
                minutes="记录",
                conclusion="同意",
            )
        )

    @precondition(
        lambda self: (
            self.case.stage
            in {Stage.NOTIFIED, Stage.HEARING, Stage.LEGAL_REVIEW, Stage.COLLECTIVE_DISCUSSION}
        )
    )
    @rule(fine=st.sampled_from([0, 500_00, 2_000_00, 3_000_00]))
    def decide(self, fine: int) -> None:
        self.act(
            lambda: services.decide(
                self.town.head,
                self.case,
                services.DecisionInput(
                    penalty_kinds=["fine"] if fine else ["warning"],
                    penalties="罚款",
                    fine_fen=fine,
                    basis="依据",
                    overdue_reason="超期理由",
                ),
            )
        )

    @precondition(lambda self: self.case.stage in {Stage.DECIDED})
    @rule()
    def serve(self) -> None:
        self.act(
            lambda: services.serve_decision(
                self.town.officer,
                self.case,
                method="direct",
                served_on=self.today,
                recipient="刘某",
                proof="回证",
                late_reason="迟延理由",
            )
        )

    @precondition(lambda self: self.case.stage in {Stage.SERVED, Stage.EXECUTING})
    @rule(exact=st.booleans())
    def pay(self, exact: bool) -> None:
        def call() -> None:
            fine, surcharge = selectors.amount_owed(self.case, on=self.today)
            services.record_payment(
                self.town.officer,
                self.case,
                paid_on=self.today,
                paid_fen=fine + surcharge if exact else fine + surcharge + 1,
                receipt_number="R",
            )

        self.act(call)

    @precondition(lambda self: self.case.stage in {Stage.SERVED, Stage.EXECUTING})
    @rule()
    def demand(self) -> None:
        self.act(lambda: services.issue_demand(self.town.officer, self.case, served_on=self.today))

    @precondition(lambda self: self.case.stage in {Stage.SERVED, Stage.EXECUTING, Stage.PAID})
    @rule(reason=st.sampled_from(["performed", "warning_only", "enforcement_ended"]))
    def close(self, reason: str) -> None:
        self.act(lambda: services.close_case(self.town.head, self.case, reason=reason, summary="结案"))

    @rule()
    def advance(self) -> None:
        """The next step an office would usually take, so that sequences reach the later stages."""
        stage = Stage(self.case.stage)
        report = getattr(self.case, "investigation_report", None)
        latest = LegalReview.objects.filter(case=self.case).order_by("-id").first()
        reviewable = (
            bool(report and report.review_public_interest)
            or self.case.hearings.filter(record_signed=True).exists()
        )
        needs_review = reviewable and not (latest and latest.opinion == "agreed")
        needs_discussion = bool(report and report.major_or_complex) and not self.case.discussions.exists()
        if stage == Stage.LEAD:
            self.file(as_head=True)
        elif stage == Stage.FILED:
            self.investigate(team="two")
        elif stage == Stage.INVESTIGATING:
            self.close_investigation(review=False, major=False)
        elif stage == Stage.INVESTIGATION_CLOSED:
            self.notify(fine=2_000_00, days=0)
        elif stage in {Stage.NOTIFIED, Stage.LEGAL_REVIEW, Stage.HEARING, Stage.COLLECTIVE_DISCUSSION}:
            if stage == Stage.HEARING and not self.case.hearings.exists():
                self.hold_hearing()
            elif needs_review and stage == Stage.LEGAL_REVIEW:
                self.review(opinion="agreed")
            elif needs_review:
                self.submit_review()
            elif needs_discussion:
                self.discuss()
            else:
                self.decide(fine=2_000_00)
        elif stage == Stage.DECIDED:
            self.serve()
        elif stage in {Stage.SERVED, Stage.EXECUTING}:
            self.pay(exact=True)
        elif stage == Stage.PAID:
            self.close(reason="performed")

    @rule(step=st.sampled_from(["decide", "serve", "close", "pay"]))
    def out_of_turn(self, step: str) -> None:
        """The steps people most want to hurry, tried whatever the stage."""
        calls = {
            "decide": lambda: services.decide(
                self.town.head,
                self.case,
                services.DecisionInput(penalty_kinds=["warning"], penalties="警告", fine_fen=0, basis="依据"),
            ),
            "serve": lambda: services.serve_decision(
                self.town.officer,
                self.case,
                method="direct",
                served_on=self.today,
                recipient="刘某",
                proof="回证",
            ),
            "close": lambda: services.close_case(
                self.town.head, self.case, reason="performed", summary="结案"
            ),
            "pay": lambda: services.record_payment(
                self.town.officer, self.case, paid_on=self.today, paid_fen=2_000_00, receipt_number="R"
            ),
        }
        self.act(calls[step])

    @rule(days=st.integers(min_value=1, max_value=40))
    def days_pass(self, days: int) -> None:
        self.today += datetime.timedelta(days=days)

    @invariant()
    def no_decision_without_the_review_it_requires(self) -> None:
        decision = PenaltyDecision.objects.filter(case=self.case).first()
        report = getattr(self.case, "investigation_report", None)
        if decision is None or report is None or not report.review_public_interest:
            return
        reviews = LegalReview.objects.filter(case=self.case).order_by("-id")
        assert reviews.exists()
        assert reviews.first().opinion == "agreed"  # type: ignore[union-attr]

    @invariant()
    def the_running_clock_is_the_one_its_rule_gives(self) -> None:
        case = Case.objects.get(pk=self.case.pk)
        if Stage(case.stage) in NO_CLOCK:
            assert case.clock_key == ""
            return
        if case.clock_key:
            with mock.patch.object(timezone, "localdate", return_value=self.today):
                assert selectors.recounted_due(case) == case.clock_due


@pytest.mark.django_db
def test_random_action_sequences_keep_the_invariants(town, investigated):
    CaseMachine.world = town
    run_state_machine_as_test(
        CaseMachine,
        settings=settings(
            max_examples=40,
            stateful_step_count=40,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
    reached = set(Case.objects.values_list("stage", flat=True))
    # The sequences went deep enough to mean something: past the decision and out the other side.
    assert {Stage.PAID, Stage.CLOSED} & reached, reached
