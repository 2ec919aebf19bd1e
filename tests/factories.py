"""Factories for the site's pages, snippets and images."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Collection

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from core.models import AlertBanner
from home.models import HomePage
from news.models import ArticleAuthor, Author, Category, Contact, NewsArticlePage, NewsIndexPage

EASTERN = ZoneInfo("America/New_York")


def eastern(*args):
    return datetime(*args, tzinfo=EASTERN)


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Image {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=1200, height=800, color="steelblue")


class AuthorFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Writer {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    role = "Communications"

    class Meta:
        model = Author


class CategoryFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    class Meta:
        model = Category


class ContactFactory(DjangoModelFactory):
    name = "Media office"
    role = "Public affairs"
    phone = "(804) 828-1234"
    email = "media@example.org"

    class Meta:
        model = Contact


class AlertBannerFactory(DjangoModelFactory):
    title = "COVID-19"
    message = "For information related to COVID-19, visit"
    link_url = "https://www.example.org/coronavirus"
    link_text = "our coronavirus page"
    severity = AlertBanner.Severity.WARNING

    class Meta:
        model = AlertBanner


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Cancer Center News"
    slug = "home"

    class Meta:
        model = HomePage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "News"
    slug = "news"
    show_in_menus = True

    class Meta:
        model = NewsIndexPage


def paragraph(html):
    return {"type": "paragraph", "value": html}


class NewsArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Story number {n}")
    summary = factory.LazyAttribute(lambda o: f"What happened in {o.title.lower()}.")
    lead_image = factory.SubFactory(ImageFactory)
    lead_image_alt = factory.LazyAttribute(lambda o: f"Photo for {o.title}")
    category = factory.SubFactory(CategoryFactory)
    body = factory.LazyAttribute(
        lambda o: json.dumps([paragraph(f"<p>The body of {o.title.lower()}.</p>")])
    )
    # Times as publishing stamps them, to the microsecond; a story's last publication is its
    # first unless a test says otherwise.
    posted_at_override = factory.Sequence(
        lambda n: eastern(2020, 1, 1, 13, 56, 45, 48123) + timedelta(days=n)
    )
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyAttribute(lambda o: o.first_published_at)

    class Meta:
        model = NewsArticlePage
        skip_postgeneration_save = True

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if not create:
            return
        for author in extracted if extracted is not None else [AuthorFactory()]:
            ArticleAuthor.objects.create(page=self, author=author)


def il2_story(parent, **overrides):
    """A story shaped like the seed's IL-2 article, for tests of what readers and clients see."""
    fields = {
        "title": "IL-2 therapy",
        "slug": "il2",
        "summary": "Massey offers IL-2.",
        "lead_image_alt": "Portrait of Giao Phan, M.D.",
        "category": CategoryFactory(name="Clinical news", slug="clinical-news"),
        "authors": [AuthorFactory(name="Melissa Mitchell", slug="melissa-mitchell")],
        "posted_at_override": eastern(2015, 5, 11, 12),
    }
    return NewsArticlePageFactory(parent=parent, **{**fields, **overrides})
