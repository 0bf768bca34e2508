"""The statute table of docs/architecture.md names, for each rule, the test that shows it enforced: every
test it names exists, so the table cannot point a reviewer at a test that was renamed or removed."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
TESTS = Path(__file__).resolve().parent


def statute_rows() -> list[str]:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("## 行政处罚法, rule by rule", 1)[1].split("\n## ", 1)[0]
    return [
        line
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith("| Article") and not line.startswith("|---")
    ]


def functions_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


def test_every_rule_names_a_test_that_exists():
    rows = statute_rows()
    assert len(rows) >= 55
    missing = []
    for row in rows:
        named = re.findall(r"`(test_\w+\.py)::(test_\w+)`", row)
        assert named, row
        for module, name in named:
            if name not in functions_in(TESTS / module):
                missing.append(f"{module}::{name}")
    assert missing == []
