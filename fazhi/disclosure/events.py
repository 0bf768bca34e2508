"""Ledger action names of the disclosure app."""

from enum import StrEnum


class DisclosureEvent(StrEnum):
    PREPARED = "disclosure.publication.prepared"
    EDITED = "disclosure.publication.edited"
    PUBLISHED = "disclosure.publication.published"
    WITHDRAWN = "disclosure.publication.withdrawn"
    WITHHELD = "disclosure.publication.withheld"
    EXPORTED = "disclosure.credit_export.created"
    INSPECTION_ITEM_ADDED = "disclosure.inspection_item.added"


DISCLOSURE_EVENT_LABELS: dict[DisclosureEvent, str] = {
    DisclosureEvent.PREPARED: "生成公示稿",
    DisclosureEvent.EDITED: "修改公示稿",
    DisclosureEvent.PUBLISHED: "发布行政处罚公示",
    DisclosureEvent.WITHDRAWN: "撤回行政处罚公示",
    DisclosureEvent.WITHHELD: "决定不予公开",
    DisclosureEvent.EXPORTED: "导出双公示数据",
    DisclosureEvent.INSPECTION_ITEM_ADDED: "公布随机抽查事项",
}
