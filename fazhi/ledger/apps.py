from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "fazhi.ledger"
    verbose_name = "全过程记录"
