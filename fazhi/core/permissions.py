"""Who sees what, in one place. A town's staff see their town's records; a 上级监督 sees the records
of every town under their organisation; the platform's superuser (the system actor and whoever
installs the platform) sees all; nobody else sees anything. Every selector, access function and
API endpoint starts here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from fazhi.core.errors import NotFoundOrHidden, PermissionDenied
from fazhi.core.models import TOWN_KINDS, Organisation, OrganisationKind, Staff
from fazhi.core.roles import Role
from fazhi.core.rules import Offer, Step, offers

FactsT = TypeVar("FactsT")
ModelT = TypeVar("ModelT", bound=Model)


def roles_of(actor: Staff) -> frozenset[str]:
    cached: frozenset[str] | None = getattr(actor, "_fazhi_roles", None)
    if cached is None:
        cached = frozenset(actor.role_grants.values_list("role", flat=True)) if actor.pk else frozenset()
        actor._fazhi_roles = cached  # type: ignore[attr-defined]
    return cached


def has_role(actor: Staff, *roles: str) -> bool:
    return bool(roles_of(actor) & set(roles))


# The holiday table moves every town's deadlines: it belongs to whoever administers all of them.
HOLIDAY_KINDS: frozenset[str] = frozenset({OrganisationKind.CITY, OrganisationKind.DISTRICT})
HOLIDAYS_REFUSED = "节假日调整影响所有镇街的办理期限，只有平台或区（市）级管理员可以维护。"


def may_set_holidays(actor: Staff) -> bool:
    if actor.is_superuser:
        return True
    organisation = actor.organisation
    return has_role(actor, Role.ADMIN) and organisation is not None and organisation.kind in HOLIDAY_KINDS


def town_of(organisation: Organisation) -> Organisation | None:
    """The 镇 or 街道 that contains an organisation (itself included), or None above town level."""
    if organisation.kind in TOWN_KINDS:
        return organisation
    ancestors = Organisation.objects.filter(id__in=organisation.ancestor_ids(), kind__in=TOWN_KINDS)
    return max(ancestors, key=lambda org: org.depth, default=None)


def scope_root(actor: Staff) -> Organisation | None:
    """The organisation whose subtree the actor may see, or None for nothing."""
    cached: Organisation | None = getattr(actor, "_fazhi_scope_root", None)
    if cached is not None:
        return cached
    if not actor.is_active or actor.organisation is None:
        return None
    if has_role(actor, Role.SUPERVISOR):
        root: Organisation | None = actor.organisation
    else:
        root = town_of(actor.organisation)
    actor._fazhi_scope_root = root  # type: ignore[attr-defined]
    return root


def visible(actor: Staff, queryset: QuerySet[ModelT], *, org_field: str = "organisation") -> QuerySet[ModelT]:
    """The one visibility function: narrows any queryset to the rows the actor may see."""
    if actor.is_superuser and actor.is_active:
        return queryset
    root = scope_root(actor)
    if root is None:
        return queryset.none()
    prefix = f"{org_field}__path__startswith" if org_field else "path__startswith"
    return queryset.filter(**{prefix: root.path})


def visible_by_id(
    actor: Staff, queryset: QuerySet[ModelT], *, org_field: str = "organisation"
) -> QuerySet[ModelT]:
    """The same rows as visible(), for large tables: the visible organisations' ids are looked up first
    (a town's subtree is a few dozen) and the rows filtered with `organisation_id IN (…)`. The planner
    then knows how many rows the filter keeps and can use the indexes that lead with the organisation;
    with the join on organisation.path PostgreSQL sorted a whole town to show page 400 and SQLite
    scanned every case for the overdue clocks."""
    if actor.is_superuser and actor.is_active:
        return queryset
    organisation_ids = list(
        visible(actor, Organisation.objects.all(), org_field="").values_list("pk", flat=True)
    )
    return queryset.filter(**{f"{org_field}_id__in": organisation_ids})


def visible_towns(actor: Staff, queryset: QuerySet[ModelT]) -> QuerySet[ModelT]:
    """For rows that always belong to a town (cases): the visible towns' ids, looked up first. A town's
    own staff see one town, so the filter is an equality the (organisation, -id) index serves in order:
    the newest first, page 400 by counting along the index. With the whole subtree's ids SQLite sorted
    the town's million cases for every page; with the join on organisation.path PostgreSQL did."""
    if actor.is_superuser and actor.is_active:
        return queryset
    town_ids = list(
        visible(actor, Organisation.objects.filter(kind__in=TOWN_KINDS), org_field="").values_list(
            "pk", flat=True
        )
    )
    return queryset.filter(organisation_id__in=town_ids)


def can_see(actor: Staff, organisation: Organisation) -> bool:
    if actor.is_superuser and actor.is_active:
        return True
    root = scope_root(actor)
    return root is not None and organisation.path.startswith(root.path)


def require_visible(actor: Staff, organisation: Organisation) -> None:
    if not can_see(actor, organisation):
        raise NotFoundOrHidden()


def acting_town(actor: Staff) -> Organisation:
    """The town on whose behalf the actor writes. Supervisors read; they do not write a town's records."""
    town = town_of(actor.organisation) if actor.organisation else None
    if town is None or not actor.is_active:
        raise PermissionDenied("只有镇（街道）的工作人员可以登记或修改本镇的记录。")
    return town


def require_own(actor: Staff, organisation: Organisation) -> Organisation:
    """A write to a record of the actor's own town: another town's record is not found, whatever the
    actor may read; a supervisor, who reads the towns below, writes none of them (acting_town)."""
    require_visible(actor, organisation)
    town = acting_town(actor)
    if organisation.pk != town.pk:
        raise NotFoundOrHidden()
    return town


def may_take(actor: Staff, step: Step[Any]) -> bool:
    """Whether the actor holds a role the step table gives the step (any staff member, for a step
    with no roles)."""
    return not step.roles or has_role(actor, *step.roles)


def require_step(actor: Staff, step: Step[Any]) -> None:
    """The role check of a step, read from its app's step table."""
    held = may_take(actor, step)
    step.check_role(held=held)
    if not held:
        require_role(actor, *step.roles)


def offers_for(actor: Staff, steps: Iterable[Step[FactsT]], facts: FactsT) -> list[Offer]:
    """The steps of a table a record's page offers this actor (core.rules.offers)."""
    return offers(steps, facts, roles=roles_of(actor))


def require_role(actor: Staff, *roles: Role) -> None:
    if not has_role(actor, *roles):
        names = "、".join(role.label for role in roles)
        raise PermissionDenied("此操作需要以下角色之一：%(roles)s。" % {"roles": names})
