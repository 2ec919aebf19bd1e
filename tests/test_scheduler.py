"""Scheduled publishing runs itself: due stories go live, expired ones come down, once each."""

import threading
import time
from datetime import timedelta
from pathlib import Path

from django.core.management import call_command
from django.db import connections
from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest
import time_machine

from editorial.scheduling import run_due
from news.models import NewsArticlePage

from .conftest import build_site_tree
from .factories import NewsArticlePageFactory
from .servers import start_scheduler

ROOT = Path(__file__).resolve().parent.parent


def schedule(article, go_live_at):
    article.live = False
    article.go_live_at = go_live_at
    article.save()
    article.save_revision().publish()  # an approval: scheduled, not live
    article.refresh_from_db()
    assert not article.live
    return article


def publish_logs(article):
    return PageLogEntry.objects.filter(page=article, action="wagtail.publish.scheduled")


@pytest.mark.django_db
def test_due_story_goes_live_and_is_posted_at_its_go_live_time(news_index, caplog):
    go_live = timezone.now().replace(microsecond=0) + timedelta(hours=1)
    article = schedule(
        NewsArticlePageFactory(parent=news_index, posted_at_override=None, first_published_at=None),
        go_live,
    )
    assert run_due().published == []  # not yet
    with time_machine.travel(go_live + timedelta(seconds=30)):
        run = run_due()
    assert [page.pk for page in run.published] == [article.pk]
    article.refresh_from_db()
    assert article.live
    assert article.posted_at == go_live
    assert f"Published scheduled page {article.pk}" in caplog.text


@pytest.mark.django_db
def test_expired_story_comes_down(news_index, caplog):
    article = NewsArticlePageFactory(parent=news_index)
    article.expire_at = timezone.now() - timedelta(minutes=1)
    article.save()
    run = run_due()
    assert [page.pk for page in run.unpublished] == [article.pk]
    article.refresh_from_db()
    assert not article.live and article.expired
    assert f"Unpublished expired page {article.pk}" in caplog.text
    assert run_due().unpublished == [], "taken down once"


@pytest.mark.django_db
def test_a_second_pass_publishes_nothing_again(news_index):
    go_live = timezone.now() + timedelta(minutes=5)
    article = schedule(NewsArticlePageFactory(parent=news_index), go_live)
    with time_machine.travel(go_live + timedelta(seconds=1)):
        assert len(run_due().published) == 1
        assert run_due().published == []
    assert publish_logs(article).count() == 1


@pytest.mark.django_db
def test_story_that_expires_before_it_goes_live_is_not_published(news_index, caplog):
    go_live = timezone.now() + timedelta(minutes=5)
    article = NewsArticlePageFactory(parent=news_index)
    article.expire_at = go_live + timedelta(minutes=1)
    schedule(article, go_live)
    with time_machine.travel(go_live + timedelta(minutes=10)):
        assert run_due().published == []
    article.refresh_from_db()
    assert not article.live
    assert "expired" in caplog.text


@pytest.mark.django_db
def test_command_once_reports_what_it_did(news_index, capsys):
    go_live = timezone.now() + timedelta(minutes=5)
    schedule(NewsArticlePageFactory(parent=news_index), go_live)
    with time_machine.travel(go_live + timedelta(seconds=1)):
        call_command("run_scheduler", "--once")
    assert "Published 1, unpublished 0." in capsys.readouterr().out


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_hosts_running_at_once_publish_each_story_once():
    _home, news = build_site_tree()
    go_live = timezone.now() + timedelta(minutes=5)
    articles = [schedule(NewsArticlePageFactory(parent=news), go_live) for _ in range(3)]
    barrier = threading.Barrier(3)
    results, errors = [], []

    def host():
        try:
            barrier.wait()
            results.append(run_due())
        except Exception as error:  # reported below; a thread's exception would be lost
            errors.append(error)
        finally:
            connections.close_all()

    with time_machine.travel(go_live + timedelta(seconds=1), tick=True):
        threads = [threading.Thread(target=host) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert errors == []
    published = [page.pk for run in results for page in run.published]
    assert sorted(published) == sorted(a.pk for a in articles), "each exactly once"
    for article in articles:
        assert publish_logs(article).count() == 1
        assert article.revisions.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_running_scheduler_publishes_within_a_minute():
    """The long-running command, as `make run` starts it, against the test database."""
    _home, news = build_site_tree()
    go_live = timezone.now() + timedelta(seconds=3)
    article = schedule(NewsArticlePageFactory(parent=news), go_live)
    scheduler = start_scheduler()
    try:
        while not NewsArticlePage.objects.filter(pk=article.pk, live=True).exists():
            assert timezone.now() < go_live + timedelta(seconds=60), "not live within a minute"
            assert scheduler.poll() is None, scheduler.stdout.read()
            time.sleep(0.5)
    finally:
        scheduler.terminate()
        output = scheduler.communicate(timeout=20)[0]
    assert scheduler.returncode == 0, output
    assert f"Published scheduled page {article.pk}" in output
    assert "Scheduler stopped" in output
