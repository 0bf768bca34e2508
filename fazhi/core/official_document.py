"""Official documents (公文) in the GB/T 9704-2012 layout, written with python-docx: the enforcement
templates (enforcement/management/commands/build_document_templates.py) and the documents other apps
write directly, such as a contract's review opinion.

Layout (GB/T 9704-2012; DOMAIN.md §7): A4; margins top 37, bottom 35, left 28, right 26 mm; body 3号仿宋
(16 pt), 22 lines of 28 characters; title 2号小标宋 (22 pt), centred; the 文号 centred under the agency's
name; page numbers "— 1 —" in 4号宋体 (14 pt), right on odd pages and left on even ones, one character in.
"""

from __future__ import annotations

import datetime
import io
import math
import zipfile
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length, Mm, Pt, Twips
from docx.text.paragraph import Paragraph

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
# Headings (7.3.3): 一、 in 黑体, （一） in 楷体, both 3号.
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312"}
PAGE_NUMBER_FONT = "宋体"
BODY_SIZE = Pt(16)  # 3号
TITLE_SIZE = Pt(22)  # 2号
PAGE_NUMBER_SIZE = Pt(14)  # 4号
TABLE_SIZE = Pt(14)  # 4号: an approval form's cells hold long texts
TABLE_LINE = Pt(22)

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
TOP, BOTTOM, LEFT, RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
TEXT_WIDTH = Mm(156)  # 版心 156 × 225 mm
TEXT_HEIGHT = Mm(225)
LINES, CHARACTERS = 22, 28
# Rounded down to whole twentieths of a point (28.95 pt) so that 22 lines fit the 225 mm 版心; 29 pt
# would overflow it by a fraction of a millimetre and push the 22nd line onto the next page.
LINE_PITCH = Twips(TEXT_HEIGHT.twips // LINES)
# 28 characters of 16 pt are 158 mm, wider than the 156 mm 版心: the body is condensed by a quarter
# point (in twentieths of a point), the least that fits 28. A character grid (w:charSpace) would do it in
# Word, but LibreOffice then gives each character two grid cells.
CONDENSE = math.floor((TEXT_WIDTH.pt / CHARACTERS - BODY_SIZE.pt) * 20)
INDENT = Pt(2 * BODY_SIZE.pt)  # 首行缩进两字
SIGNATURE_RIGHT = Pt(4 * BODY_SIZE.pt)  # 成文日期右空四字 (7.3.5)
# The page number sits 7 mm below the 版心 (7.5): its top 28 mm above the paper's edge, so the
# footer's bottom, one 4号 line lower, about 23 mm.
FOOTER_DISTANCE = Mm(23)
# The generator writes the same parts every time, so a rebuild shows only real changes.
FIXED_TIME = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)

# The styles an administrator sees in Word when editing a template, with plain ASCII identifiers in the
# XML (Word itself writes ASCII ids for styles named in Chinese).
AGENCY, NUMBER, TITLE, PLAIN, SIGNATURE, CELL, PAGE_NUMBER = (
    "文书机关名称",
    "文书文号",
    "文书标题",
    "正文不缩进",
    "文书落款",
    "表格文字",
    "页码",
)
HEADINGS = {1: "一级标题", 2: "二级标题"}
STYLE_IDS = {
    HEADINGS[1]: "FazhiHeading1",
    HEADINGS[2]: "FazhiHeading2",
    AGENCY: "FazhiAgency",
    NUMBER: "FazhiNumber",
    TITLE: "FazhiTitle",
    PLAIN: "FazhiPlain",
    SIGNATURE: "FazhiSignature",
    CELL: "FazhiCell",
    PAGE_NUMBER: "FazhiPageNumber",
}
# What may follow w:spacing in a run's properties (ECMA-376 CT_RPr), to insert it in schema order.
RPR_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:lang")


def _set_fonts(rpr: BaseOxmlElement, name: str) -> None:
    """Name the font for every script: Word reads w:eastAsia for Chinese characters, and a theme font
    left on the element would win over the name."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.lower().endswith("theme"):
            del fonts.attrib[attribute]
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)


class OfficialDocument:
    """One document being written in the GB/T 9704-2012 layout: the page, the styles, and helpers for
    the parts every document has. Texts may be docxtpl tags (a template) or the final words."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.document: DocumentObject = Document()
        self._page()
        self._styles()
        self._footers()
        properties = self.document.core_properties
        properties.title = title
        properties.author = "法治"
        properties.last_modified_by = "法治"
        properties.created = properties.modified = FIXED_TIME
        properties.revision = 1

    def _page(self) -> None:
        section = self.document.sections[0]
        section.start_type = WD_SECTION_START.NEW_PAGE
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = TOP, BOTTOM
        section.left_margin, section.right_margin = LEFT, RIGHT
        section.footer_distance = FOOTER_DISTANCE
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            section._sectPr.append(grid)
        grid.attrib.clear()
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(LINE_PITCH.twips))

    def _styles(self) -> None:
        styles = self.document.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        assert defaults is not None, "python-docx's default template has document defaults"
        default_rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        assert default_rpr is not None
        _set_fonts(default_rpr, BODY_FONT)
        language = default_rpr.find(qn("w:lang"))
        if language is not None:
            language.set(qn("w:eastAsia"), "zh-CN")
        spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
        if spacing is not None:
            spacing.set(qn("w:after"), "0")

        normal = styles["Normal"]
        self._style(normal, BODY_FONT, BODY_SIZE, LINE_PITCH)
        condensed = OxmlElement("w:spacing")
        condensed.set(qn("w:val"), str(CONDENSE))
        normal.element.get_or_add_rPr().insert_element_before(condensed, *RPR_AFTER_SPACING)
        normal.paragraph_format.first_line_indent = INDENT
        normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        self._add(AGENCY, TITLE_FONT, TITLE_SIZE, LINE_PITCH, WD_ALIGN_PARAGRAPH.CENTER)
        number = self._add(NUMBER, BODY_FONT, BODY_SIZE, LINE_PITCH, WD_ALIGN_PARAGRAPH.CENTER)
        number.paragraph_format.space_before = LINE_PITCH
        title = self._add(TITLE, TITLE_FONT, TITLE_SIZE, LINE_PITCH, WD_ALIGN_PARAGRAPH.CENTER)
        title.paragraph_format.space_before = LINE_PITCH
        title.paragraph_format.space_after = LINE_PITCH
        self._add(PLAIN, BODY_FONT, BODY_SIZE, LINE_PITCH, WD_ALIGN_PARAGRAPH.JUSTIFY)
        signature = self._add(SIGNATURE, BODY_FONT, BODY_SIZE, LINE_PITCH, WD_ALIGN_PARAGRAPH.RIGHT)
        signature.paragraph_format.right_indent = SIGNATURE_RIGHT
        self._add(CELL, BODY_FONT, TABLE_SIZE, TABLE_LINE, WD_ALIGN_PARAGRAPH.LEFT)
        self._add(PAGE_NUMBER, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE, None, WD_ALIGN_PARAGRAPH.RIGHT)

    @staticmethod
    def _style(style: Any, font: str, size: Length, line: Length | None) -> None:
        style.font.size = size
        _set_fonts(style.element.get_or_add_rPr(), font)
        layout = style.paragraph_format
        layout.space_before = layout.space_after = Pt(0)
        if line is not None:
            layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            layout.line_spacing = line

    def _add(self, name: str, font: str, size: Length, line: Length | None, alignment: Any) -> Any:
        style = self.document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = STYLE_IDS[name]
        style.base_style = self.document.styles["Normal"]
        self._style(style, font, size, line)
        style.paragraph_format.first_line_indent = Pt(0)
        style.paragraph_format.alignment = alignment
        return style

    def _footers(self) -> None:
        """ "— 1 —": odd pages on the right and even pages on the left, one character in (7.5)."""
        self.document.settings.odd_and_even_pages_header_footer = True
        section = self.document.sections[0]
        for footer, alignment in (
            (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
            (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
        ):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            paragraph.style = self.document.styles[PAGE_NUMBER]
            paragraph.alignment = alignment
            if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
                paragraph.paragraph_format.right_indent = PAGE_NUMBER_SIZE
            else:
                paragraph.paragraph_format.left_indent = PAGE_NUMBER_SIZE
            paragraph.add_run("— ")
            self._page_field(paragraph)
            paragraph.add_run(" —")

    @staticmethod
    def _page_field(paragraph: Paragraph) -> None:
        for part, text in (("begin", ""), ("", " PAGE "), ("separate", ""), ("", "1"), ("end", "")):
            run = paragraph.add_run()
            if part:
                mark = OxmlElement("w:fldChar")
                mark.set(qn("w:fldCharType"), part)
                run._r.append(mark)
            elif text == " PAGE ":
                instruction = OxmlElement("w:instrText")
                instruction.set(qn("xml:space"), "preserve")
                instruction.text = text
                run._r.append(instruction)
            else:
                run.text = text

    # ------------------------------------------------------------------------------------- content

    def header(self, number: str | None, *, agency: str = "{{ agency }}") -> None:
        """The agency's name, the 文号 centred under it (7.2.5), then the document's title."""
        self.document.add_paragraph(agency, style=AGENCY)
        if number is not None:
            self.document.add_paragraph(number, style=NUMBER)
        self.document.add_paragraph(self.title, style=TITLE)

    def title_only(self) -> None:
        """The title alone, for a report, which has no agency line or 文号 above it."""
        self.document.add_paragraph(self.title, style=TITLE)

    def body(self, text: str) -> None:
        self.document.add_paragraph(text)

    def heading(self, text: str, level: int) -> None:
        """A 一、 or （一） heading, indented like the body; its style is added with the first one, so
        documents without headings stay as they were."""
        name = HEADINGS[level]
        if name not in [style.name for style in self.document.styles]:
            style = self._add(name, HEADING_FONTS[level], BODY_SIZE, LINE_PITCH, WD_ALIGN_PARAGRAPH.JUSTIFY)
            style.paragraph_format.first_line_indent = INDENT
        self.document.add_paragraph(text, style=name)

    def plain(self, text: str) -> None:
        self.document.add_paragraph(text, style=PLAIN)

    def tag(self, tag: str) -> None:
        """A docxtpl paragraph tag ({%p … %}): the paragraph holding it disappears when filled."""
        self.document.add_paragraph("{%p " + tag + " %}", style=PLAIN)

    def page_break(self) -> None:
        self.document.add_paragraph(style=PLAIN).add_run().add_break(WD_BREAK.PAGE)

    def signature(self, agency: str = "{{ agency }}") -> None:
        """The agency and the date at the bottom right, with room above for the seal (7.3.5)."""
        paragraph = self.document.add_paragraph(agency, style=SIGNATURE)
        paragraph.paragraph_format.space_before = Pt(2 * LINE_PITCH.pt)

    def date(self, text: str) -> None:
        self.document.add_paragraph(text, style=SIGNATURE)

    def table(self, rows: list[tuple[str, str]]) -> None:
        """A form: labels on the left, what the case says on the right, across the 156 mm 版心."""
        table = self.document.add_table(rows=0, cols=2)
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        widths = (Mm(36), TEXT_WIDTH - Mm(36))
        # Word reads the cells' widths, LibreOffice the grid's: both are set.
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for label, value in rows:
            cells = table.add_row().cells
            for cell, text, width in zip(cells, (label, value), widths, strict=True):
                cell.width = width
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                cell.paragraphs[0].style = self.document.styles[CELL]
                cell.paragraphs[0].text = text
            cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER

    def to_bytes(self) -> bytes:
        """Zip entries carry the time they were written; fixing it (with the core properties' times) makes
        a rebuild byte-identical, so git shows a change only where a template changed."""
        buffer = io.BytesIO()
        self.document.save(buffer)
        stable_buffer = io.BytesIO()
        with (
            zipfile.ZipFile(buffer) as written,
            zipfile.ZipFile(stable_buffer, "w", zipfile.ZIP_DEFLATED) as stable,
        ):
            for entry in written.infolist():
                fixed = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIME.timetuple()[:6])
                fixed.compress_type = zipfile.ZIP_DEFLATED
                stable.writestr(fixed, written.read(entry))
        return stable_buffer.getvalue()
