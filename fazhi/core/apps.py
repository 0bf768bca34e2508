from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    verbose_name = "基础数据"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed

        from fazhi.core import converters, login, party_links, selectors
        from fazhi.core.events import CORE_EVENT_LABELS, CoreEvent
        from fazhi.ledger import events

        converters.register()
        user_login_failed.connect(login.count_failure, dispatch_uid="fazhi-login-failures")
        events.register(CoreEvent, CORE_EVENT_LABELS)
        party_links.register("attachments", "附件材料", selectors.party_attachment_links)
