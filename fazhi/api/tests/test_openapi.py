"""The OpenAPI document describes each operation with its own schemas."""

from __future__ import annotations

from ninja import Schema

from fazhi.api.urls import api
from fazhi.contracts.api import ContractFileIn
from fazhi.enforcement.api.cases import CaseFileIn


def _schemas_in_use() -> list[type[Schema]]:
    found: list[type[Schema]] = []
    pending = list(Schema.__subclasses__())
    while pending:
        schema = pending.pop()
        pending.extend(schema.__subclasses__())
        if schema.__module__.startswith("fazhi.") and ".tests." not in schema.__module__:
            found.append(schema)
    return found


def test_no_two_schemas_share_a_name() -> None:
    # The document names a schema by its class; two of one name were documented as one.
    api.get_openapi_schema()
    names = [schema.__name__ for schema in _schemas_in_use()]
    assert sorted({name for name in names if names.count(name) > 1}) == []


def _required_of(path: str) -> list[str]:
    document = api.get_openapi_schema()
    body = document["paths"][path]["post"]["requestBody"]["content"]
    if "multipart/form-data" in body:
        # A form with files is documented inline: the form's fields and the files together.
        return sorted(body["multipart/form-data"]["schema"]["required"])
    reference = body["application/json"]["schema"]["$ref"]
    return sorted(document["components"]["schemas"][reference.rsplit("/", 1)[-1]]["required"])


def test_filing_a_case_and_filing_a_contract_document_their_own_required_fields() -> None:
    case_required = sorted(name for name, field in CaseFileIn.model_fields.items() if field.is_required())
    contract_required = sorted(
        name for name, field in ContractFileIn.model_fields.items() if field.is_required()
    )
    assert case_required != contract_required
    assert _required_of("/api/v1/cases/{case_id}/file") == case_required
    assert _required_of("/api/v1/contracts/{contract_id}/file") == sorted([*contract_required, "signed_copy"])
