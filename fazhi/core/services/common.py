"""What the core services share: the system actor of set-up and periodic jobs, the check that an
administrator works above an organisation, and the public pages' content version."""

from __future__ import annotations

import secrets

from django.db import transaction

from fazhi.core import permissions, public_version
from fazhi.core.errors import NotFoundOrHidden, PermissionDenied
from fazhi.core.events import CoreEvent
from fazhi.core.models import (
    Organisation,
    PublicContentVersion,
    Staff,
)
from fazhi.core.roles import Role
from fazhi.ledger import record as ledger


def organisation_of(staff: Staff) -> Organisation:
    if staff.organisation is None:
        raise NotFoundOrHidden()
    return staff.organisation


def require_admin_over(actor: Staff, organisation: Organisation) -> None:
    """管理员 of the town (or a platform superuser) may change the town's own subtree."""
    if actor.is_superuser:
        return
    permissions.require_role(actor, Role.ADMIN)
    permissions.require_visible(actor, organisation)
    town = permissions.acting_town(actor)
    if not organisation.path.startswith(town.path):
        raise PermissionDenied("只能管理本镇（街道）及其下属单位。")


SYSTEM_USERNAME = "system"


@transaction.atomic
def system_actor() -> Staff:
    """The explicit actor of jobs that no person starts (set-up, periodic work). It cannot log in."""
    actor, created = Staff.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"full_name": "系统", "is_system": True, "is_superuser": True, "is_active": True},
    )
    if created:
        actor.set_unusable_password()
        actor.save(update_fields=["password"])
        ledger.record(actor, CoreEvent.STAFF_CREATED, actor, {"username": SYSTEM_USERNAME, "system": True})
    return actor


def public_content_changed() -> None:
    """Called inside the transaction that changes what the portal shows (a publication published,
    withdrawn): cached public pages are served no more once it commits. The version is random, not a
    count, so that a database restored from a backup cannot meet pages cached under its old numbers."""
    version = secrets.randbits(62) + 1
    if not PublicContentVersion.objects.filter(pk=1).update(version=version):
        PublicContentVersion.objects.create(pk=1, version=version)
    # Now for this request, and again at commit for requests that read the old version meanwhile.
    public_version.forget_version()
    transaction.on_commit(public_version.forget_version)
