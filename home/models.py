from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from core import visibility
from core.routing import ChildRouteMixin
from news.models import NewsArticlePage, NewsIndexPage
from pages.base import PublicPage
from seo.metadata import organisation


class HomePage(ChildRouteMixin, PublicPage):
    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A short welcome shown at the top of the home page.",
    )

    latest_count = 6

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel(
            "featured_articles",
            label="Featured stories",
            max_num=3,
            help_text="Up to three stories to show first. Unpublished stories are skipped.",
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.NewsIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def route_children(self):
        return NewsIndexPage.objects.child_of(self)

    def get_structured_data(self, request, site_settings):
        return [organisation(request, site_settings)]

    def get_featured_articles(self):
        """The editor's picks that readers may see, in the editor's order."""
        picks = list(self.featured_articles.values_list("article_id", flat=True))
        by_id = NewsArticlePage.objects.filter(pk__in=picks).for_teasers().in_bulk()
        return [by_id[pk] for pk in picks if pk in by_id]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        featured = self.get_featured_articles()
        context["featured_articles"] = featured
        context["latest_articles"] = NewsArticlePage.objects.for_teasers().exclude(
            pk__in=[article.pk for article in featured]
        )[: self.latest_count]
        context["news_index"] = visibility.visible_to_readers(NewsIndexPage.objects).first()
        return context


class HomeFeaturedArticle(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_articles")
    article = models.ForeignKey(
        "news.NewsArticlePage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A story to feature on the home page.",
    )

    panels = [PageChooserPanel("article")]
