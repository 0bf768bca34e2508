"""Core tables: organisations, staff and their roles and 执法证, parties, calendar overrides, 文号
series, stored files and API tokens. No workflow here: every write goes through core.services."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone

from fazhi.core.roles import Role


class OrganisationKind(models.TextChoices):
    CITY = "city", "市"
    DISTRICT = "district", "区（县）"
    TOWN = "town", "镇（乡）"
    STREET = "street", "街道"
    DEPARTMENT = "department", "内设机构"
    VILLAGE = "village", "村"
    COMMUNITY = "community", "社区"


# Kinds that are a 乡镇人民政府 or 街道办事处: the unit that owns records and numbers documents.
TOWN_KINDS = (OrganisationKind.TOWN, OrganisationKind.STREET)


class Organisation(models.Model):
    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类型", max_length=20, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Materialised path "/1/4/9/" so that a subtree is one indexed prefix match.
    path = models.CharField(max_length=255, db_index=True, editable=False)
    division_code = models.CharField("区划码", max_length=12, blank=True)
    uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    organ_code = models.CharField("机关代字", max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "组织机构"
        verbose_name_plural = "组织机构"
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="organisation_unique_name_under_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part]


class Staff(AbstractUser):
    """A person who logs in. Belongs to one organisation; holds roles through StaffRole."""

    full_name = models.CharField("姓名", max_length=50)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="所属单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    phone = models.CharField("联系电话", max_length=20, blank=True)
    position = models.CharField("职务", max_length=50, blank=True)
    legal_qualification_no = models.CharField(
        "法律职业资格证书编号",
        max_length=30,
        blank=True,
        help_text="首次从事法制审核的人员须取得法律职业资格（行政处罚法第五十八条）",
    )
    is_principal_leader = models.BooleanField("党政主要负责人", default=False)
    is_system = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = "工作人员"
        verbose_name_plural = "工作人员"
        ordering = ["organisation__path", "full_name"]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def has_legal_qualification(self) -> bool:
        return bool(self.legal_qualification_no)


class StaffRole(models.Model):
    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "角色"
        verbose_name_plural = "角色"
        constraints = [models.UniqueConstraint(fields=["staff", "role"], name="staffrole_unique")]

    def __str__(self) -> str:
        return self.get_role_display()


class EnforcementCredential(models.Model):
    """行政执法证. Issued by the province; Fazhi records it and checks validity on a date."""

    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="credentials")
    number = models.CharField("执法证号", max_length=30, unique=True)
    category = models.CharField("执法类别", max_length=100)
    issuer = models.CharField("发证机关", max_length=100)
    valid_from = models.DateField("有效期起")
    valid_to = models.DateField("有效期至")
    revoked_on = models.DateField("注销日期", null=True, blank=True)
    revoked_reason = models.CharField("注销原因", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "行政执法证"
        verbose_name_plural = "行政执法证"
        ordering = ["-valid_to"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gte=models.F("valid_from")), name="credential_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def is_valid_on(self, day: datetime.date) -> bool:
        if self.revoked_on is not None and self.revoked_on <= day:
            return False
        return self.valid_from <= day <= self.valid_to


class PartyKind(models.TextChoices):
    PERSON = "person", "自然人"
    ORGANISATION = "organisation", "法人及非法人组织"
    INDIVIDUAL_BUSINESS = "individual_business", "个体工商户"


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO_PERMIT = "hk_macao_permit", "港澳居民来往内地通行证"
    TAIWAN_PERMIT = "taiwan_permit", "台湾居民来往大陆通行证"
    FOREIGN_PERMANENT = "foreign_permanent", "外国人永久居留身份证"
    OTHER = "other", "其他"


class Sex(models.TextChoices):
    MALE = "male", "男"
    FEMALE = "female", "女"


class Party(models.Model):
    """当事人. Owned by the town that registered it; one party per identifier within a town."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="登记单位", on_delete=models.PROTECT, related_name="parties"
    )
    kind = models.CharField("当事人类型", max_length=24, choices=PartyKind.choices)
    name = models.CharField("名称（姓名）", max_length=200)
    # A natural person, or the operator (经营者) of an individual business.
    id_type = models.CharField("证件类型", max_length=24, choices=IdType.choices, blank=True)
    id_number = models.CharField("证件号码", max_length=30, blank=True)
    birth_date = models.DateField("出生日期", null=True, blank=True)
    sex = models.CharField("性别", max_length=10, choices=Sex.choices, blank=True)
    # An organisation or individual business.
    uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    legal_representative = models.CharField("法定代表人（负责人、经营者）", max_length=50, blank=True)
    business_registration_no = models.CharField("工商注册号", max_length=30, blank=True)
    address = models.CharField("住所（地址）", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "当事人"
        verbose_name_plural = "当事人"
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["organisation", "name"], name="party_org_name"),
            models.Index(fields=["organisation", "kind", "-id"], name="party_org_kind_recent"),
            # Search by exact identifier (selectors.search_parties_for): one index per column, so an
            # OR over the three is a few index look-ups on both databases. The unique constraints
            # below cannot serve it: they lead with organisation and are partial.
            models.Index(fields=["id_number"], name="party_id_number"),
            models.Index(fields=["uscc"], name="party_uscc"),
            models.Index(fields=["business_registration_no"], name="party_business_reg"),
            # Name-prefix search on PostgreSQL: LIKE 'x%' can use a btree index only with the pattern
            # operator class unless the database collation is "C". (SQLite ignores the operator class;
            # there the prefix search uses party_org_name, see selectors._name_starts_with.)
            models.Index(fields=["name"], name="party_name_pattern", opclasses=["varchar_pattern_ops"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "id_type", "id_number"],
                condition=~Q(id_number=""),
                name="party_unique_id_number_per_town",
            ),
            models.UniqueConstraint(
                fields=["organisation", "uscc"],
                condition=~Q(uscc="") & ~Q(uscc="00000000000000000X"),
                name="party_unique_uscc_per_town",
            ),
            models.UniqueConstraint(
                fields=["organisation", "business_registration_no"],
                condition=~Q(business_registration_no=""),
                name="party_unique_business_reg_per_town",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def identifier(self) -> str:
        return self.uscc or self.id_number or self.business_registration_no


class HolidayOverride(models.Model):
    """A day whose status the official data does not know or gets wrong: a holiday or a 调休 workday."""

    day = models.DateField("日期", unique=True)
    is_working_day = models.BooleanField("是否工作日", help_text="勾选表示调休上班日；不勾选表示法定节假日")
    name = models.CharField("名称", max_length=50, help_text="如：春节、国庆节、春节调休")
    source = models.CharField(
        "依据", max_length=200, blank=True, help_text="如：国务院办公厅关于2027年部分节假日安排的通知"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "节假日调整"
        verbose_name_plural = "节假日调整"
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {self.name}"


class HolidayYear(models.Model):
    """A year whose holidays an administrator has entered completely in HolidayOverride."""

    year = models.PositiveIntegerField("年度", unique=True)
    source = models.CharField("依据", max_length=200)
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "已录入节假日年度"
        verbose_name_plural = "已录入节假日年度"
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class NumberSeries(models.Model):
    """A 文号 series such as 西青辛政 or 西青辛综执罚, owned by one organisation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="number_series")
    key = models.SlugField(
        "用途", max_length=40, help_text="程序内的用途标识，如 government、penalty-decision"
    )
    code = models.CharField("机关代字", max_length=30)
    name = models.CharField("名称", max_length=100)

    class Meta:
        verbose_name = "文号系列"
        verbose_name_plural = "文号系列"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="numberseries_unique_key"),
            models.UniqueConstraint(fields=["code"], name="numberseries_unique_code"),
        ]

    def __str__(self) -> str:
        return self.code


class NumberCounter(models.Model):
    """The last sequence handed out in one series and year; locked while allocating."""

    series = models.ForeignKey(NumberSeries, on_delete=models.PROTECT, related_name="counters")
    year = models.PositiveIntegerField()
    last_sequence = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="numbercounter_unique_year")]

    def __str__(self) -> str:
        return f"{self.series_id}/{self.year}: {self.last_sequence}"


class IssuedNumber(models.Model):
    """Every 文号 handed out. Voided numbers stay, with their reason, so the series has no gap."""

    series = models.ForeignKey(NumberSeries, on_delete=models.PROTECT, related_name="issued")
    year = models.PositiveIntegerField()
    sequence = models.PositiveIntegerField()
    text = models.CharField("文号", max_length=60, unique=True)
    subject_type = models.CharField(max_length=60)
    subject_id = models.CharField(max_length=40)
    issued_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)
    voided_reason = models.CharField("作废原因", max_length=200, blank=True)

    class Meta:
        verbose_name = "已编文号"
        verbose_name_plural = "已编文号"
        ordering = ["series", "year", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year", "sequence"], name="issuednumber_unique_sequence"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class StoredBlob(models.Model):
    """File content, stored once under its SHA-256 however many records refer to it."""

    sha256 = models.CharField(max_length=64, unique=True)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.sha256

    @property
    def storage_name(self) -> str:
        return f"sha256/{self.sha256[:2]}/{self.sha256[2:4]}/{self.sha256}"


class Attachment(models.Model):
    """A file as attached to one record. Visibility follows the record's organisation."""

    blob = models.ForeignKey(StoredBlob, on_delete=models.PROTECT, related_name="attachments")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    subject_type = models.CharField(max_length=60)
    subject_id = models.CharField(max_length=40)
    original_name = models.CharField("文件名", max_length=200)
    description = models.CharField("说明", max_length=200, blank=True)
    uploaded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["-uploaded_at"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="attachment_subject")]

    def __str__(self) -> str:
        return self.original_name


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the token is shown once when issued."""

    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="api_tokens")
    token_sha256 = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    # Issued for settings.API_TOKEN_DAYS; a script that runs for years is given a new one, not an
    # eternal one.
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.staff} {self.label}"

    @property
    def state(self) -> str:
        """有效, 已过期 or 已撤销: as the API's authentication judges it (fazhi.api.auth)."""
        if self.revoked_at is not None:
            return "已撤销"
        return "已过期" if self.expires_at <= timezone.now() else "有效"


class FormSubmission(models.Model):
    """A form's one-time token, claimed when the form is posted: a second post of the same form (a
    double click, a resend after a slow reply) finds it and changes nothing."""

    token = models.CharField(max_length=32, unique=True)
    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="+")
    result_url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.token


class Notification(models.Model):
    """A message to one person from a periodic job (a clock about to lapse). One per person, subject
    and day, so the job may run again without repeating itself."""

    recipient = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="notifications")
    key = models.CharField(max_length=100)
    day = models.DateField()
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key", "day"], name="notification_once_a_day")
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.text


class DigestDelivery(models.Model):
    """The one daily digest a person was sent: once per person and day, whatever runs the job again."""

    recipient = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    channel = models.CharField(max_length=30)
    items = models.PositiveIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["recipient", "day"], name="digest_once_a_day")]

    def __str__(self) -> str:
        return f"{self.recipient} {self.day}"


class PublicContentVersion(models.Model):
    """One row, changed in the same transaction as anything the public portal shows, so that every
    server process stops serving its cached public pages at the same moment."""

    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "公开内容版本"
        verbose_name_plural = "公开内容版本"

    def __str__(self) -> str:
        return str(self.version)
