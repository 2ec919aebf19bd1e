"""Feeds. Mounted at /feeds/ in both views' URLconfs, so they have one address."""

from django.urls import path

from caching.page_cache import reads_query_parameters

from .feeds import AtomStoriesFeed, StoriesFeed

# Feeds read no query parameter: one cached copy whatever a feed reader appends.
rss, atom = reads_query_parameters()(StoriesFeed()), reads_query_parameters()(AtomStoriesFeed())

urlpatterns = [
    path("rss/", rss, name="news_feed_rss"),
    path("atom/", atom, name="news_feed_atom"),
    path("category/<slug:slug>/rss/", rss, name="category_feed_rss"),
    path("category/<slug:slug>/atom/", atom, name="category_feed_atom"),
]
