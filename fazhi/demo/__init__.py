"""The demo town: 天津市 → 西青区 → 辛口镇 (and 杨柳青镇) with a user for every role, its 2020 — the year
of the reference report — replayed through the services from data tables, and today's records of
each area on top. `manage.py load_demo` builds it; nothing here runs in production (the command
refuses unless FAZHI_DEBUG is on).

Like fazhi.api, this package wires the apps together: it may call any app's services, and no app
imports it (import-linter)."""
