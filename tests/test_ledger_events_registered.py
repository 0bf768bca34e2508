"""Every ledger action name used in code is registered, and registered names are unique strings."""

import re
from pathlib import Path

from fazhi.ledger import events

ROOT = Path(__file__).resolve().parent.parent / "fazhi"


def test_every_declared_action_is_registered():
    declared = set()
    for path in ROOT.rglob("events.py"):
        if path.parent.name == "ledger":
            continue
        declared |= set(re.findall(r'=\s*"([a-z_]+\.[a-z_]+\.[a-z_]+)"', path.read_text()))
    assert declared
    assert declared <= set(events.registered_actions())


def test_action_names_are_app_noun_past_participle():
    for action in events.registered_actions():
        assert re.fullmatch(r"[a-z]+\.[a-z_]+\.[a-z_]+", action), action


def test_every_action_has_a_chinese_label():
    for action in events.registered_actions():
        label = events.label_for(action)
        assert label != action
        assert any("\u4e00" <= char <= "\u9fff" for char in label), action
