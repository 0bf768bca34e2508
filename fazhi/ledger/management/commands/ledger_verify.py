"""manage.py ledger_verify: re-check the whole log from its stored rows.

Recomputes every leaf from the stored entry, checks the sequence has no gap and each entry names its own
position, rebuilds the tree, and checks every stored checkpoint's root and signature. Then checks the
rebuilt tree against the checkpoints kept outside the database (checkpoint_files): each must be held by
the tree, except those a recorded, accepted fork gave up, which are listed with the reason. Exits 0 when
all holds; otherwise exits 1 and names the first bad sequence number, checkpoint or fork.
"""

from __future__ import annotations

import hashlib
import json
import time
from argparse import ArgumentParser
from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fazhi.ledger import checkpoint, checkpoint_files
from fazhi.ledger.events import LedgerEvent
from fazhi.ledger.models import Checkpoint, Event, LedgerHead
from fazhi.ledger.verify import NoteError, node_hash

CHUNK = 20_000


def stored_events() -> Iterator[tuple[int, str, bytes]]:
    """Every event in sequence order, read a chunk at a time."""
    last_sequence = -1
    while True:
        rows = list(
            Event.objects.filter(sequence__gt=last_sequence)
            .order_by("sequence")
            .values_list("sequence", "entry", "leaf_hash")[:CHUNK]
        )
        if not rows:
            return
        for sequence, entry, stored_leaf in rows:
            yield sequence, entry, bytes(stored_leaf)
        last_sequence = rows[-1][0]


class Rebuild:
    """The tree rebuilt from the stored entries, one leaf at a time, with each stored checkpoint checked
    when the rebuilt tree reaches its size."""

    def __init__(
        self, checkpoints: list[tuple[int, bytes, str]], vkey: str, root_sizes: set[int] | None = None
    ) -> None:
        self.checkpoints = checkpoints
        self.vkey = vkey
        # The root at each of these sizes is kept, to check the checkpoint files against afterwards.
        self.root_sizes = root_sizes or set()
        self.roots: dict[int, bytes] = {}
        self.next_checkpoint = 0
        # Complete subtrees on the right edge, as (height, hash), largest first.
        self.stack: list[tuple[int, bytes]] = []
        self.size = 0

    def add(self, sequence: int, entry: str, stored_leaf: bytes) -> None:
        if sequence != self.size:
            raise CommandError(
                "第 %(n)d 号记录缺失（记录序号不连续，下一条是第 %(m)d 号）。"
                % {"n": self.size, "m": sequence}
            )
        leaf = hashlib.sha256(b"\x00" + entry.encode("utf-8")).digest()
        if leaf != stored_leaf:
            raise CommandError("第 %(n)d 号记录的内容与其哈希不符（内容被改动）。" % {"n": sequence})
        if f',"seq":{sequence},"subject":' not in entry:
            raise CommandError(
                "第 %(n)d 号记录的内容写明的序号与其位置不符（记录被调换）。" % {"n": sequence}
            )
        height, current = 0, leaf
        while self.stack and self.stack[-1][0] == height:
            current = node_hash(self.stack.pop()[1], current)
            height += 1
        self.stack.append((height, current))
        self.size += 1
        if self.size in self.root_sizes:
            self.roots[self.size] = self.root()
        while (
            self.next_checkpoint < len(self.checkpoints)
            and self.checkpoints[self.next_checkpoint][0] == self.size
        ):
            self.check_checkpoint(self.checkpoints[self.next_checkpoint])
            self.next_checkpoint += 1

    def root(self) -> bytes:
        root = self.stack[-1][1]
        for _, left in reversed(self.stack[:-1]):
            root = node_hash(left, root)
        return root

    def check_checkpoint(self, row: tuple[int, bytes, str]) -> None:
        size, stored_root, note = row
        root = self.root()
        try:
            signed_size, signed_root = checkpoint.signed_checkpoint(note, self.vkey)
        except NoteError as error:
            raise CommandError("检查点 %(s)d 的签名无效：%(e)s。" % {"s": size, "e": error}) from error
        if signed_size != size or signed_root != bytes(stored_root):
            raise CommandError("检查点 %(s)d 的签名内容与存储的树头不符。" % {"s": size})
        if root != signed_root:
            raise CommandError(
                "检查点 %(s)d 的根哈希与重建的默克尔树不符：前 %(s)d 条记录中有被改动的。" % {"s": size}
            )

    def finish(self) -> None:
        if self.next_checkpoint < len(self.checkpoints):
            raise CommandError(
                "检查点 %(s)d 超出了现有记录（只有 %(n)d 条）：记录被删除。"
                % {"s": self.checkpoints[self.next_checkpoint][0], "n": self.size}
            )
        head = LedgerHead.objects.filter(id=1).first()
        if head is not None and head.size != self.size:
            raise CommandError("记录头登记了 %(h)d 条，实有 %(n)d 条。" % {"h": head.size, "n": self.size})


class Command(BaseCommand):
    help = "完整校验全过程记录：逐条重算哈希、重建默克尔树、核对每个检查点的根哈希与签名。"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--progress-every", type=int, default=100_000)

    def handle(self, *args: Any, **options: Any) -> None:
        checkpoints = [
            (size, bytes(root), note)
            for size, root, note in Checkpoint.objects.order_by("tree_size").values_list(
                "tree_size", "root_hash", "note"
            )
        ]
        paths = checkpoint_files.note_paths()
        vkey = checkpoint.signing_key().verifier_key if checkpoints or paths else ""
        try:
            forks = checkpoint_files.read_forks()
            kept = [checkpoint_files.read_checkpoint(path, vkey) for path in paths]
        except checkpoint_files.ForkError as error:
            raise CommandError(str(error)) from error
        abandoned = {name for fork in forks for name in fork.abandoned}
        line = [item for item in kept if item.name not in abandoned]
        rebuild = Rebuild(checkpoints, vkey, {item.size for item in line})
        started = time.monotonic()
        every = options["progress_every"]
        for sequence, entry, stored_leaf in stored_events():
            rebuild.add(sequence, entry, stored_leaf)
            if every and rebuild.size % every == 0:
                rate = rebuild.size / max(time.monotonic() - started, 1e-9)
                self.stderr.write("已校验 %(n)d 条（每秒 %(r).0f 条）" % {"n": rebuild.size, "r": rate})
        rebuild.finish()
        check_kept(line, rebuild)
        for fork in forks:
            self.stdout.write(explain_fork(fork))
        self.stdout.write(
            "校验通过：%(n)d 条记录、%(c)d 个检查点，另存的检查点文件 %(f)d 个，用时 %(t).1f 秒。"
            % {"n": rebuild.size, "c": len(checkpoints), "f": len(kept), "t": time.monotonic() - started}
        )


def check_kept(line: list[checkpoint_files.KeptCheckpoint], rebuild: Rebuild) -> None:
    """Every checkpoint file of the signed line must be held by the rebuilt tree; the first that is not
    is the fork, named."""
    for kept in line:
        if kept.size > rebuild.size:
            raise CommandError(
                "日志分叉：检查点文件 %(f)s 签过 %(s)d 条记录，数据库只有 %(n)d 条——已签名的记录丢失"
                "（数据库可能是从较旧的副本恢复的）。" % {"f": kept.name, "s": kept.size, "n": rebuild.size}
            )
        if rebuild.roots[kept.size] != kept.root:
            raise CommandError(
                "日志分叉：数据库的前 %(s)d 条记录与检查点文件 %(f)s 签名时不同。"
                % {"f": kept.name, "s": kept.size}
            )


def explain_fork(fork: checkpoint_files.AcceptedFork) -> str:
    """An accepted fork, said in full; it must have been recorded in the log as it stands in its file —
    the same reason, size and abandoned checkpoints (the file's list decides which checkpoints the
    signed line skips, so an edited list is an unrecorded fork)."""
    event = Event.objects.filter(sequence=fork.event).first()
    recorded = json.loads(event.entry)["payload"] if event is not None else {}
    as_recorded = (
        recorded.get("reason") == fork.reason
        and recorded.get("restored_size") == fork.restored_size
        and [kept.get("file") for kept in recorded.get("abandoned", [])] == fork.abandoned
    )
    if event is None or event.action != LedgerEvent.FORK_ACCEPTED or not as_recorded:
        raise CommandError(
            "分叉记录 %(f)s 所称的第 %(e)d 号记录不是接受这次分叉的记录：这次分叉未经记录。"
            % {"f": fork.name, "e": fork.event}
        )
    return (
        "已接受的分叉：%(t)s 从备份恢复到 %(n)d 条记录，放弃了检查点 %(a)s；原因：%(r)s（第 %(e)d 号记录）。"
        % {
            "t": fork.accepted_at,
            "n": fork.restored_size,
            "a": "、".join(fork.abandoned) or "（无）",
            "r": fork.reason,
            "e": fork.event,
        }
    )
