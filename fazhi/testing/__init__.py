"""Shared test builders: each area's town of records, built through the services. Every app's tests and
the project's browser tests take them from here, never from another app's tests; production code
never imports this package (import-linter)."""
