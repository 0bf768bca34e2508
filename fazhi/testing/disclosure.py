"""Disclosure builders: a draft settled by the head and published."""

from fazhi.core.models import Staff
from fazhi.disclosure import selectors, services
from fazhi.disclosure.models import Publication, ReviewAction


def settle(head: Staff, publication: Publication) -> Publication:
    """The head confirms every open finding of the draft hidden, as the review page offers."""
    for review in selectors.field_reviews(publication):
        for finding in review.open:
            services.review_finding(
                head, publication, field=review.field, text=finding.text, action=ReviewAction.HIDE
            )
    return publication


def settle_and_publish(head: Staff, publication: Publication) -> Publication:
    return services.publish(head, settle(head, publication))
