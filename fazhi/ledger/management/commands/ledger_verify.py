"""manage.py ledger_verify: re-check the whole log from its stored rows.

Recomputes every leaf from the stored entry, checks the sequence has no gap and each entry names its own
position, rebuilds the tree, and checks every stored checkpoint's root and signature. Exits 0 when all
holds; otherwise exits 1 and names the first bad sequence number or checkpoint.
"""

from __future__ import annotations

import hashlib
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fazhi.ledger import checkpoint
from fazhi.ledger.models import Checkpoint, Event, LedgerHead
from fazhi.ledger.verify import NoteError, node_hash, parse_checkpoint, verify_note

CHUNK = 20_000


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
        vkey = checkpoint.signing_key().verifier_key if checkpoints else ""
        next_checkpoint = 0
        # Complete subtrees on the right edge, as (height, hash), largest first.
        stack: list[tuple[int, bytes]] = []
        expected = 0
        started = time.monotonic()
        every = options["progress_every"]
        last_sequence = -1
        while True:
            rows = list(
                Event.objects.filter(sequence__gt=last_sequence)
                .order_by("sequence")
                .values_list("sequence", "entry", "leaf_hash")[:CHUNK]
            )
            if not rows:
                break
            for sequence, entry, stored_leaf in rows:
                if sequence != expected:
                    raise CommandError(
                        "第 %(n)d 号记录缺失（记录序号不连续，下一条是第 %(m)d 号）。"
                        % {"n": expected, "m": sequence}
                    )
                encoded = entry.encode("utf-8")
                leaf = hashlib.sha256(b"\x00" + encoded).digest()
                if leaf != bytes(stored_leaf):
                    raise CommandError("第 %(n)d 号记录的内容与其哈希不符（内容被改动）。" % {"n": sequence})
                if f',"seq":{sequence},"subject":' not in entry:
                    raise CommandError(
                        "第 %(n)d 号记录的内容写明的序号与其位置不符（记录被调换）。" % {"n": sequence}
                    )
                height, current = 0, leaf
                while stack and stack[-1][0] == height:
                    current = node_hash(stack.pop()[1], current)
                    height += 1
                stack.append((height, current))
                expected += 1
                while next_checkpoint < len(checkpoints) and checkpoints[next_checkpoint][0] == expected:
                    self._check_checkpoint(checkpoints[next_checkpoint], stack, vkey)
                    next_checkpoint += 1
                if every and expected % every == 0:
                    rate = expected / max(time.monotonic() - started, 1e-9)
                    self.stderr.write("已校验 %(n)d 条（每秒 %(r).0f 条）" % {"n": expected, "r": rate})
            last_sequence = rows[-1][0]
        if next_checkpoint < len(checkpoints):
            raise CommandError(
                "检查点 %(s)d 超出了现有记录（只有 %(n)d 条）：记录被删除。"
                % {"s": checkpoints[next_checkpoint][0], "n": expected}
            )
        head = LedgerHead.objects.filter(id=1).first()
        if head is not None and head.size != expected:
            raise CommandError("记录头登记了 %(h)d 条，实有 %(n)d 条。" % {"h": head.size, "n": expected})
        self.stdout.write(
            "校验通过：%(n)d 条记录、%(c)d 个检查点，用时 %(t).1f 秒。"
            % {"n": expected, "c": len(checkpoints), "t": time.monotonic() - started}
        )

    @staticmethod
    def _check_checkpoint(row: tuple[int, bytes, str], stack: list[tuple[int, bytes]], vkey: str) -> None:
        size, stored_root, note = row
        root = stack[-1][1]
        for _, left in reversed(stack[:-1]):
            root = node_hash(left, root)
        try:
            _, signed_size, signed_root = parse_checkpoint(verify_note(note, vkey))
        except NoteError as error:
            raise CommandError("检查点 %(s)d 的签名无效：%(e)s。" % {"s": size, "e": error}) from error
        if signed_size != size or signed_root != bytes(stored_root):
            raise CommandError("检查点 %(s)d 的签名内容与存储的树头不符。" % {"s": size})
        if root != signed_root:
            raise CommandError(
                "检查点 %(s)d 的根哈希与重建的默克尔树不符：前 %(s)d 条记录中有被改动的。" % {"s": size}
            )
