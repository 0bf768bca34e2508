"""Ledger action names of the disclosure app."""

from enum import StrEnum


class DisclosureEvent(StrEnum):
    PREPARED = "disclosure.publication.prepared"
    EDITED = "disclosure.publication.edited"
    PUBLISHED = "disclosure.publication.published"
    POSTED = "disclosure.publication.posted"
    FINDING_HIDDEN = "disclosure.publication.finding_hidden"
    FINDING_RELEASED = "disclosure.publication.finding_released"
    WITHDRAWN = "disclosure.publication.withdrawn"
    WITHHELD = "disclosure.publication.withheld"
    EXPORTED = "disclosure.credit_export.created"
    INSPECTION_ITEM_ADDED = "disclosure.inspection_item.added"


DISCLOSURE_EVENT_LABELS: dict[DisclosureEvent, str] = {
    DisclosureEvent.PREPARED: "生成公示稿",
    DisclosureEvent.EDITED: "修改公示稿",
    DisclosureEvent.PUBLISHED: "发布行政处罚公示",
    DisclosureEvent.POSTED: "公示内容上网",
    DisclosureEvent.FINDING_HIDDEN: "标记隐去公示稿中的内容",
    DisclosureEvent.FINDING_RELEASED: "保留公开公示稿中的内容（说明理由）",
    DisclosureEvent.WITHDRAWN: "撤回行政处罚公示",
    DisclosureEvent.WITHHELD: "决定不予公开",
    DisclosureEvent.EXPORTED: "导出双公示数据",
    DisclosureEvent.INSPECTION_ITEM_ADDED: "公布随机抽查事项",
}
