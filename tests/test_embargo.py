"""No story is seen before its time, after its expiry, or by readers it is not meant for.

One sweep: every article state against every public surface in tests/surfaces.py.
"""

import json
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest
import time_machine
import wagtail_factories

from editorial.scheduling import run_due

from .factories import ImageFactory, NewsArticlePageFactory, paragraph
from .surfaces import EMBARGO_SURFACES

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)


def draft(article):
    article.live = False
    article.save()
    article.save_revision()


def scheduled(article):
    article.live = False
    article.go_live_at = timezone.now() + HOUR
    article.save()
    article.save_revision().publish()  # approval with a future go-live schedules it


def expired(article):
    article.expire_at = timezone.now() - HOUR
    article.save()
    run_due()  # the scheduler took it down


def past_expiry_before_the_scheduler_runs(article):
    article.expire_at = timezone.now() - timedelta(seconds=5)
    article.save()


def restricted(restriction_type, **extra):
    def apply(article):
        restriction = PageViewRestriction.objects.create(
            page=article, restriction_type=restriction_type, **extra
        )
        if restriction_type == PageViewRestriction.GROUPS:
            restriction.groups.add(Group.objects.create(name="Clinical staff"))

    return apply


HIDDEN_STATES = {
    "draft": draft,
    "scheduled, not yet live": scheduled,
    "expired": expired,
    "past expiry, scheduler not yet run": past_expiry_before_the_scheduler_runs,
    "private: signed-in readers": restricted(PageViewRestriction.LOGIN),
    "private: password": restricted(PageViewRestriction.PASSWORD, password="s3cret"),
    "private: groups": restricted(PageViewRestriction.GROUPS),
}


@pytest.fixture(autouse=True)
def media_served(settings, tmp_path):
    """/media/ served as `make run` serves it (the test settings leave SERVE_MEDIA off), from a
    folder of this test's own."""
    settings.ROOT_URLCONF = "tests.media_urls"
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def story(news_index):
    briefing = wagtail_factories.DocumentFactory(
        title="Résultats de l’essai : note aux journalistes",
        file=ContentFile(b"%PDF-1.4 embargoed briefing", name="note-résultats.pdf"),
    )
    story = NewsArticlePageFactory(
        parent=news_index,
        title="Embargoed trial results",
        slug="embargoed-trial-results",
        lead_image=ImageFactory(title="Infusion suite at Massey, Ward 7"),
        body=json.dumps(
            [
                paragraph(
                    "<p>Read the "
                    f'<a linktype="document" id="{briefing.pk}">briefing for reporters</a>.</p>'
                )
            ]
        ),
    )
    # A live story in the same category, for the "related stories" surface.
    NewsArticlePageFactory(
        parent=news_index,
        title="A neighbouring story",
        slug=f"{story.slug}-neighbour",
        category=story.category,
        posted_at_override=story.posted_at_override,
    )
    return story


@pytest.mark.parametrize("surface", EMBARGO_SURFACES, ids=lambda s: s.name)
@pytest.mark.parametrize("state", HIDDEN_STATES, ids=str)
def test_hidden_stories_appear_on_no_public_surface(client, story, state, surface):
    HIDDEN_STATES[state](story)
    response = client.get(surface.url(story))
    assert response.status_code < 500
    assert not surface.shows(response, story), f"{state} story visible on {surface.name}"


@pytest.mark.parametrize("surface", EMBARGO_SURFACES, ids=lambda s: s.name)
def test_live_stories_appear_on_every_public_surface(client, story, surface):
    assert surface.shows(client.get(surface.url(story)), story)


@pytest.mark.parametrize("surface", EMBARGO_SURFACES, ids=lambda s: s.name)
def test_scheduled_story_appears_once_its_time_comes(client, story, surface):
    scheduled(story)
    assert not surface.shows(client.get(surface.url(story)), story)
    with time_machine.travel(timezone.now() + 2 * HOUR):
        run_due()
        assert surface.shows(client.get(surface.url(story)), story)
