"""Feeds. Mounted at /feeds/ in both views' URLconfs, so they have one address."""

from django.urls import path

from .feeds import AtomStoriesFeed, StoriesFeed

urlpatterns = [
    path("rss/", StoriesFeed(), name="news_feed_rss"),
    path("atom/", AtomStoriesFeed(), name="news_feed_atom"),
    path("category/<slug:slug>/rss/", StoriesFeed(), name="category_feed_rss"),
    path("category/<slug:slug>/atom/", AtomStoriesFeed(), name="category_feed_atom"),
]
