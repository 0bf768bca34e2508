"""Filling a template (in Jinja's sandbox) and checking an uploaded one."""

from __future__ import annotations

import io
import re
import zipfile
from typing import IO

from django.db.models.functions import Length
from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from fazhi.core.errors import InvalidInput, Remedy, RuleViolation
from fazhi.core.files import open_blob
from fazhi.core.models import Organisation
from fazhi.enforcement.documents.contents import BUILDERS, load_rows
from fazhi.enforcement.documents.fields import (
    BUNDLED_DIRECTORY,
    CONTEXT_FIELDS,
    RECORD_FIELDS,
    TEMPLATE_MAX_BYTES,
    Context,
)
from fazhi.enforcement.models import (
    Case,
    DocumentKind,
    DocumentTemplate,
    PenaltyDecision,
)


def _environment() -> SandboxedEnvironment:
    """An administrator's template is code run on the server: the sandbox keeps it to the strings and
    lists it is given; autoescape keeps a party named "A&B" from breaking the XML; StrictUndefined makes
    a misspelt name an error instead of a silent blank in a legal document."""
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


# Control characters are not allowed in the document's XML; a tab (docxtpl makes it a Word tab) and
# the line break stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _paragraphs(value: object) -> object:
    """Each line of a text its own paragraph (docxtpl's \\a): Word and WPS stretch a justified line that
    ends in a manual line break across the whole width."""
    if isinstance(value, str):
        return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).replace("\n", "\a")
    if isinstance(value, list):
        return [{name: _paragraphs(item) for name, item in entry.items()} for entry in value]
    return value


def context(case: Case, kind: DocumentKind) -> Context:
    """What the template of `kind` is filled with; RuleViolation when the case has no such document yet."""
    return {name: _paragraphs(value) for name, value in BUILDERS[kind](load_rows(case)).items()}


def available(case: Case) -> list[DocumentKind]:
    """The kinds whose data exists for this case, in the order of the procedure."""
    rows = load_rows(case)
    kinds: list[DocumentKind] = []
    for kind in DocumentKind:
        try:
            BUILDERS[kind](rows)
        except RuleViolation:
            continue
        kinds.append(kind)
    return kinds


def current_template(organisation: Organisation, kind: DocumentKind) -> DocumentTemplate | None:
    return (
        DocumentTemplate.objects.filter(
            organisation_id__in=organisation.ancestor_ids(), kind=kind, active=True
        )
        .select_related("attachment__blob", "organisation", "uploaded_by")
        .order_by(Length("organisation__path").desc(), "-id")
        .first()
    )


def _template_bytes(case: Case, kind: DocumentKind) -> bytes:
    """The active template nearest the case's town (the town's own, else the district's…), else the
    bundled one: a town that has its own layout keeps it when the district adopts another."""
    replacement = current_template(case.organisation, kind)
    if replacement is None:
        return (BUNDLED_DIRECTORY / f"{kind.value}.docx").read_bytes()
    with open_blob(replacement.attachment.blob) as stream:
        return stream.read()


def _fill(template: bytes, values: Context) -> bytes:
    document = DocxTemplate(io.BytesIO(template))
    document.render(values, _environment())
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def render(case: Case, kind: DocumentKind) -> bytes:
    """The .docx of `kind` for the case. RuleViolation, citing the article of the missing step, when the
    case has no such document yet."""
    values = context(case, kind)
    try:
        return _fill(_template_bytes(case, kind), values)
    except TemplateError as error:
        # check_template refuses such a template on upload; this catches one that a later change of the
        # fields has broken, so that the officer sees why instead of a server error.
        raise InvalidInput(
            "本单位的“%(kind)s”模板无法填充（%(detail)s），请管理员按可用变量重新上传模板。"
            % {"kind": kind.label, "detail": error.message or type(error).__name__},
            remedy=Remedy("enforcement:template-list", "文书模板"),
        ) from error


def filename(case: Case, kind: DocumentKind) -> str:
    """E.g. 行政处罚决定书-西青辛综执罚〔2026〕1号.docx: the decision's 文号 for the decision and its 送达回证,
    the case's 立案号 for the others (the decision's for a 简易程序 case, which has none)."""
    decision = PenaltyDecision.objects.filter(case=case).select_related("number").first()
    filing = case.filing_number.text if case.filing_number else ""
    decision_number = decision.number.text if decision else ""
    if kind in (DocumentKind.PENALTY_DECISION, DocumentKind.SERVICE_RECEIPT):
        number = decision_number or filing
    else:
        number = filing or decision_number
    return f"{kind.label}-{number or f'案件{case.pk}'}.docx"


def _sample(kind: DocumentKind) -> Context:
    """Every field of the kind filled with its own description, to try a template before accepting it."""
    values: Context = dict(CONTEXT_FIELDS[kind])
    if "records" in values:
        values["records"] = [dict(RECORD_FIELDS)]
    return values


def check_template(stream: IO[bytes], kind: DocumentKind) -> None:
    """Refuse an uploaded template that is not a .docx, has a syntax error in its {{ }} or {% %} tags,
    uses a name the kind does not provide, or cannot be filled. Leaves a seekable stream at its start,
    ready to be stored."""
    data = stream.read(TEMPLATE_MAX_BYTES + 1)
    if stream.seekable():
        stream.seek(0)
    if len(data) > TEMPLATE_MAX_BYTES:
        raise InvalidInput(
            "模板文件超过 %(mb)d MB，不像是文书模板，未接受。" % {"mb": TEMPLATE_MAX_BYTES // (1024 * 1024)},
            field_errors={"file": "模板文件过大。"},
        )
    not_docx = "上传的文件不是 Word 文档（.docx），请在 Word 或 WPS 中“另存为 .docx”后再上传。"
    try:
        used = DocxTemplate(io.BytesIO(data)).get_undeclared_template_variables(_environment())
    except TemplateSyntaxError as error:
        message = (
            "模板中的填充标记有语法错误（%(detail)s）：请检查 {{ }} 与 {%% %%} 是否成对、拼写是否正确。"
            % {"detail": error.message}
        )
        raise InvalidInput(message, field_errors={"file": message}) from error
    # Not a zip, a zip without a Word document in it, or a malformed part (lxml's XMLSyntaxError is a
    # SyntaxError).
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError, SyntaxError) as error:
        raise InvalidInput(not_docx, field_errors={"file": not_docx}) from error
    unknown = sorted(set(used) - set(CONTEXT_FIELDS[kind]))
    if unknown:
        message = "模板使用了“%(kind)s”没有的变量：%(names)s。可用的变量有：%(known)s。" % {
            "kind": kind.label,
            "names": "、".join(unknown),
            "known": "、".join(CONTEXT_FIELDS[kind]),
        }
        raise InvalidInput(message, field_errors={"file": message})
    try:
        Document(io.BytesIO(_fill(data, _sample(kind))))
    except TemplateError as error:
        message = "模板试填充失败（%(detail)s），请检查模板中的填充标记。" % {
            "detail": error.message or type(error).__name__
        }
        raise InvalidInput(message, field_errors={"file": message}) from error
