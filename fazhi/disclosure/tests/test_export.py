"""The 双公示 file: 30 columns with their codes, opened back and read column by column; rows that
fail a check are held back and reported; incremental exports; the command line."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from conftest import credit_code
from fazhi.core.errors import InvalidInput, PermissionDenied
from fazhi.core.models import Organisation, Party, PartyKind
from fazhi.disclosure import rules, services, shuanggongshi
from fazhi.disclosure.models import CreditExport, ExportScope, Publication
from fazhi.ledger.models import Event
from fazhi.testing.enforcement import TODAY
from fazhi.testing.pages import refused_form

TOWN_CODE = credit_code("11120111MB1712345")
DAY = datetime.timedelta(days=1)


@pytest.fixture
def published(town, decided):
    Organisation.objects.filter(pk=town.town.pk).update(uscc=TOWN_CODE, division_code="120111104")
    town.town.refresh_from_db()
    publication = services.prepare_publication(town.officer, decided.decision)
    return services.publish(town.head, publication)


def export(town, **options):
    fields = {"file_format": "xlsx", "scope": ExportScope.ALL, "today": TODAY}
    return services.export_credit_records(town.head, town.town, **{**fields, **options})


def sheet_rows(content: bytes) -> list[list[str]]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book["行政处罚信息"]
    return [
        ["" if value is None else str(value) for value in row] for row in sheet.iter_rows(values_only=True)
    ]


def test_the_xlsx_has_the_30_fields_and_the_record_column_by_column(town, published):
    result = export(town)
    rows = sheet_rows(result.content)
    assert len(rows[0]) == 30
    assert rows[0][0] == "行政相对人名称"
    assert rows[1] == [column.code for column in shuanggongshi.COLUMNS]
    record = dict(zip(rows[1], rows[2], strict=True))
    decision = published.decision
    assert record == {
        "CF_XDR_MC": "刘某",  # the full name: the platform links records by it and the 证件号码
        "CF_XDR_LB": "自然人",
        "CF_XDR_SHXYM": "",
        "CF_XDR_GSZC": "",
        "CF_XDR_ZZJG": "",
        "CF_XDR_SWDJ": "",
        "CF_XDR_SYDW": "",
        "CF_XDR_SHZZ": "",
        "CF_FRDB": "",
        "CF_FR_ZJLX": "",
        "CF_FR_ZJHM": "",
        "CF_XDR_ZJLX": "护照号",
        "CF_XDR_ZJHM": "E1234567",
        "CF_WSH": decision.number.text,
        "CF_WFXW": "擅自占用城市道路",
        "CF_SY": published.facts,
        "CF_YJ": "《城市道路管理条例》第四十二条",
        "CF_CFLB": "罚款",
        "CF_NR": "罚款，罚款人民币2,000元",
        "CF_NR_FK": "0.2",  # 2,000 yuan in 万元
        "CF_NR_WFFF": "",
        "CF_NR_ZKDX": "",
        "CF_JDRQ": decision.decided_on.strftime("%Y/%m/%d"),
        "CF_YXQ": decision.decided_on.strftime("%Y/%m/%d"),  # not served yet: no payment deadline
        "CF_GSJZQ": published.visible_until.strftime("%Y/%m/%d"),
        "CF_CFJG": published.authority,
        "CF_CFJGDM": TOWN_CODE,
        "CF_SJLY": published.authority,
        "CF_SJLYDM": TOWN_CODE,
        "BZ": "",
    }
    assert len(rows) == 3
    report = openpyxl.load_workbook(io.BytesIO(result.content))["校验报告"]
    assert report.max_row == 1  # the header only: nothing held back
    event = Event.objects.get(action="disclosure.credit_export.created")
    assert result.export.file_sha256 in event.entry


def test_the_csv_opens_in_excel_with_the_codes_as_header(town, published):
    result = export(town, file_format="csv")
    assert result.content.startswith(b"\xef\xbb\xbf")  # the byte-order mark WPS and Excel need
    rows = list(csv.reader(io.StringIO(result.content.decode("utf-8-sig"))))
    assert rows[0] == [column.code for column in shuanggongshi.COLUMNS]
    assert rows[1][rows[0].index("CF_WSH")] == published.decision_number
    assert rows[1][rows[0].index("CF_NR_FK")] == "0.2"


def test_amounts_are_exact_in_wan_yuan():
    assert shuanggongshi.wan_yuan(2_000_00) == "0.2"
    assert shuanggongshi.wan_yuan(1) == "0.000001"
    assert shuanggongshi.wan_yuan(100_000_00) == "10"
    assert shuanggongshi.wan_yuan(123_456_78) == "12.345678"


def test_categories_follow_article_9():
    assert shuanggongshi.categories("警告", 0) == ["警告"]
    assert shuanggongshi.categories("警告、罚款", 50_00) == ["警告", "罚款"]
    assert shuanggongshi.categories("没收违法所得", 10_00) == ["罚款", "没收违法所得"]
    assert shuanggongshi.categories("责令改正", 0) == ["其他"]


def test_a_wrong_credit_code_holds_the_row_back_and_the_next_incremental_export_takes_it(town, published):
    wrong = TOWN_CODE[:-1] + ("0" if TOWN_CODE[-1] != "0" else "1")
    Party.objects.filter(pk=town.party.pk).update(
        kind=PartyKind.ORGANISATION, uscc=wrong, legal_representative="刘某", id_type="", id_number=""
    )
    first = export(town, scope=ExportScope.SINCE_LAST)
    assert first.rows == []
    assert [row.publication_id for row in first.held_back] == [published.pk]
    [(code, message)] = first.held_back[0].problems
    assert code == "CF_XDR_SHXYM"
    assert "校验码错误" in message
    assert len(sheet_rows(first.content)) == 2  # the two header rows, no record
    report = list(openpyxl.load_workbook(io.BytesIO(first.content))["校验报告"].iter_rows(values_only=True))
    assert report[1][:2] == (published.decision_number, "CF_XDR_SHXYM")

    # Nothing new and the code still wrong: held back again.
    assert export(town, scope=ExportScope.SINCE_LAST).held_back[0].publication_id == published.pk
    Party.objects.filter(pk=town.party.pk).update(uscc=credit_code("91120111MA05K1234"))
    fixed = export(town, scope=ExportScope.SINCE_LAST)
    assert [row.publication_id for row in fixed.rows] == [published.pk]
    assert fixed.rows[0].values["CF_XDR_LB"] == "法人及非法人组织"
    assert fixed.rows[0].values["CF_FRDB"] == "刘某"
    # Sent once: the next incremental export is empty.
    assert export(town, scope=ExportScope.SINCE_LAST).rows == []


def test_an_individual_business_without_a_code_is_sent_with_the_placeholder_and_its_registration(
    town, published
):
    Party.objects.filter(pk=town.party.pk).update(
        kind=PartyKind.INDIVIDUAL_BUSINESS, uscc="", business_registration_no="", id_type="", id_number=""
    )
    [held] = export(town).held_back
    assert held.values["CF_XDR_SHXYM"] == "00000000000000000X"
    assert [code for code, _ in held.problems] == ["CF_XDR_GSZC"]
    Party.objects.filter(pk=town.party.pk).update(business_registration_no="120111600123456")
    [row] = export(town).rows
    assert (row.values["CF_XDR_SHXYM"], row.values["CF_XDR_GSZC"]) == (
        "00000000000000000X",
        "120111600123456",
    )


def test_a_town_without_its_own_credit_code_cannot_send_anything(town, published):
    Organisation.objects.filter(pk=town.town.pk).update(uscc="")
    [held] = export(town).held_back
    assert {code for code, _ in held.problems} == {"CF_CFJGDM", "CF_SJLYDM"}


def test_withdrawn_and_expired_publications_are_not_exported(town, published):
    later = published.visible_until + DAY
    assert export(town, today=later).rows == []
    services.withdraw(town.head, published, reason="复议机关撤销原处罚决定")
    assert export(town).rows == []


def test_since_a_date_takes_what_was_published_from_that_day(town, published):
    assert len(export(town, scope=ExportScope.SINCE_DATE, since=TODAY).rows) == 1
    assert export(town, scope=ExportScope.SINCE_DATE, since=TODAY + DAY).rows == []
    with pytest.raises(InvalidInput, match="起始日期"):
        export(town, scope=ExportScope.SINCE_DATE, since=None)


def test_only_heads_admins_and_supervisors_export_and_nothing_is_recorded_otherwise(town, published):
    with pytest.raises(PermissionDenied):
        services.export_credit_records(town.officer, town.town, file_format="xlsx")
    head = Client()
    head.force_login(town.head)
    errors = refused_form(head, "/disclosure/exports/", {"scope": "everything", "file_format": "pdf"})
    assert set(errors) == {"scope", "file_format"}
    assert not CreditExport.objects.exists()


def test_the_command_writes_the_file_for_a_town_named_by_its_division_code(town, published, tmp_path):
    out = tmp_path / "sgs.csv"
    stdout = io.StringIO()
    call_command(
        "export_shuanggongshi", "--org", "120111104", "--format", "csv", "--out", str(out), stdout=stdout
    )
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[1][rows[0].index("CF_WSH")] == published.decision_number
    assert "导出 1 条" in stdout.getvalue()
    export_record = CreditExport.objects.get()
    assert export_record.created_by.is_system
    # Incremental from the command line: nothing new since the last export.
    call_command(
        "export_shuanggongshi", "--org", "辛口镇", "--out", str(tmp_path / "b.xlsx"), "--since", "last"
    )
    assert len(sheet_rows((tmp_path / "b.xlsx").read_bytes())) == 2


def test_the_command_refuses_a_bad_date_and_an_unknown_organisation(town, published, tmp_path):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command(
            "export_shuanggongshi",
            "--org",
            "辛口镇",
            "--out",
            str(tmp_path / "x.csv"),
            "--since",
            "2026-13-01",
        )
    with pytest.raises(CommandError, match="没有区划码或名称"):
        call_command("export_shuanggongshi", "--org", "不存在镇", "--out", str(tmp_path / "x.csv"))
    assert not CreditExport.objects.exists()


def test_the_export_page_offers_the_file_and_hides_it_from_another_town(town, published):
    client = Client()
    client.force_login(town.head)
    assert "导出双公示数据：辛口镇" in client.get("/disclosure/exports/").content.decode()
    response = client.post("/disclosure/exports/", {"scope": "all", "file_format": "xlsx"})
    item = CreditExport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/disclosure/exports/{item.pk}/"
    download = client.get(f"/disclosure/exports/{item.pk}/download/")
    content = download.getvalue()
    assert sheet_rows(content)[2][13] == published.decision_number
    other = Client()
    other.force_login(town.other_admin)
    assert other.get(f"/disclosure/exports/{item.pk}/").status_code == 404
    assert other.get(f"/disclosure/exports/{item.pk}/download/").status_code == 404


def test_publication_periods_follow_the_rule_in_force_on_the_decision_date(settings):
    assert rules.regime_on(datetime.date(2026, 3, 31)).name == "发改办财金〔2019〕527号"
    assert rules.regime_on(datetime.date(2026, 4, 1)).name.startswith("信用修复管理办法")
    assert rules.visible_until(datetime.date(2026, 4, 1), "minor") == datetime.date(2026, 7, 1)
    settings.DISCLOSURE_REGIMES = [
        {"name": "某省办法", "from": "2026-01-01", "months": {"minor": 3, "ordinary": 6, "serious": 24}}
    ]
    assert rules.visible_until(datetime.date(2026, 8, 31), "ordinary") == datetime.date(2027, 2, 28)


def test_no_publication_row_changes_when_exporting(town, published):
    before = Publication.objects.values().get()
    export(town)
    assert Publication.objects.values().get() == before


FORMULAS = ['=HYPERLINK("http://evil.example","点击")', "+86 1391111", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("name", FORMULAS)
def test_text_that_starts_like_a_formula_is_written_as_plain_text(town, published, name):
    # A party's name typed as a formula would run in the clerk's Excel or WPS when the file is opened.
    Party.objects.filter(pk=published.decision.case.party_id).update(name=name)
    sheet = openpyxl.load_workbook(io.BytesIO(export(town).content))["行政处罚信息"]
    cell = sheet.cell(row=3, column=1)
    assert cell.data_type == "s"
    assert cell.value == "'" + name
    rows = list(csv.reader(io.StringIO(export(town, file_format="csv").content.decode("utf-8-sig"))))
    assert rows[1][0] == "'" + name
