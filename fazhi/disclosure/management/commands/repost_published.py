"""manage.py repost_published: pass every published publication's free text through the public-text gate
again and post again those it changes (or that have no POSTED event yet), so that an upgraded town's
older publications show — and their proof.json proves — only what the gate lets through."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from fazhi.disclosure import services
from fazhi.disclosure.models import Publication, PublicationStatus


class Command(BaseCommand):
    help = "已发布的公示内容重新经过公开文本关口核查；内容有变的（或尚无上网记录的）重新上网并记录。"

    def handle(self, *args: Any, **options: Any) -> None:
        changed = 0
        ids = list(
            Publication.objects.filter(status=PublicationStatus.PUBLISHED).values_list("pk", flat=True)
        )
        for publication_id in ids:
            changed += services.repost_published(Publication.objects.get(pk=publication_id))
        self.stdout.write("核查 %(n)d 条已发布的公示，重新上网 %(c)d 条。" % {"n": len(ids), "c": changed})
