"""Substring search on party names without a full scan: a trigram GIN index on PostgreSQL, an FTS5
trigram table kept in step by triggers on SQLite. Each is created only on its own database; where
SQLite lacks the trigram tokenizer (before 3.34) nothing is created and search falls back to a scan."""

from django.db import DatabaseError, migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE core_party_name_fts USING fts5(name, content='core_party', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER core_party_name_fts_insert AFTER INSERT ON core_party BEGIN "
    "INSERT INTO core_party_name_fts(rowid, name) VALUES (new.id, new.name); END",
    "CREATE TRIGGER core_party_name_fts_delete AFTER DELETE ON core_party BEGIN "
    "INSERT INTO core_party_name_fts(core_party_name_fts, rowid, name) VALUES ('delete', old.id, old.name); END",
    "CREATE TRIGGER core_party_name_fts_update AFTER UPDATE OF name ON core_party BEGIN "
    "INSERT INTO core_party_name_fts(core_party_name_fts, rowid, name) VALUES ('delete', old.id, old.name); "
    "INSERT INTO core_party_name_fts(rowid, name) VALUES (new.id, new.name); END",
    "INSERT INTO core_party_name_fts(core_party_name_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_party_name_fts_insert",
    "DROP TRIGGER IF EXISTS core_party_name_fts_delete",
    "DROP TRIGGER IF EXISTS core_party_name_fts_update",
    "DROP TABLE IF EXISTS core_party_name_fts",
]
# pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS party_name_trgm ON core_party USING gin (name gin_trgm_ops)",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS party_name_trgm"]


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)
    elif vendor == "sqlite":
        try:
            schema_editor.execute(SQLITE_CREATE[0])
        except DatabaseError:
            return  # no trigram tokenizer in this SQLite: substring search scans instead
        for statement in SQLITE_CREATE[1:]:
            schema_editor.execute(statement)


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    statements = {"postgresql": POSTGRES_DROP, "sqlite": SQLITE_DROP}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_party_search_indexes")]

    operations = [migrations.RunPython(create, drop)]
