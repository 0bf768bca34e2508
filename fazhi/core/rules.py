"""Rules of the shared parts that every app relies on. Pure: facts in, a RuleViolation naming the
rule out."""

from __future__ import annotations

from fazhi.core.errors import RuleViolation

NUMBERING_CITATION = "GB/T 9704-2012 7.2.5"


def check_number_series(found: bool, *, document: str, key: str, citation: str = NUMBERING_CITATION) -> None:
    """A document is numbered from its town's series (or its district's); an administrator sets the
    series up once, under the key the app asks for."""
    if not found:
        raise RuleViolation(
            "本镇（街道）尚未建立%(document)s的文号系列（用途标识 %(key)s），请管理员先在“文号管理”中建立。"
            % {"document": document, "key": key},
            citation=citation,
        )
