"""Make the event table append-only in the database itself, so that not even a raw SQL statement
run outside Fazhi can change or remove a recorded event unnoticed."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

SQLITE_CREATE = [
    """CREATE TRIGGER IF NOT EXISTS ledger_event_no_update BEFORE UPDATE ON ledger_event
       BEGIN SELECT RAISE(ABORT, 'ledger_event is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS ledger_event_no_delete BEFORE DELETE ON ledger_event
       BEGIN SELECT RAISE(ABORT, 'ledger_event is append-only'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS ledger_event_no_update",
    "DROP TRIGGER IF EXISTS ledger_event_no_delete",
]

POSTGRES_CREATE = [
    """CREATE OR REPLACE FUNCTION ledger_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'ledger_event is append-only'; END $$""",
    """CREATE OR REPLACE TRIGGER ledger_event_append_only BEFORE UPDATE OR DELETE ON ledger_event
       FOR EACH ROW EXECUTE FUNCTION ledger_event_refuse_change()""",
    """CREATE OR REPLACE TRIGGER ledger_event_no_truncate BEFORE TRUNCATE ON ledger_event
       FOR EACH STATEMENT EXECUTE FUNCTION ledger_event_refuse_change()""",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS ledger_event_no_truncate ON ledger_event",
    "DROP TRIGGER IF EXISTS ledger_event_append_only ON ledger_event",
    "DROP FUNCTION IF EXISTS ledger_event_refuse_change()",
]


def _run(schema_editor: BaseDatabaseSchemaEditor, statements: dict[str, list[str]]) -> None:
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def create_triggers(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE})


def drop_triggers(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
