import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.core.paginator import Page as PageOfStories
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.api import APIField
from wagtail.api.v2.serializers import TagsField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from rest_framework.fields import CharField

from caching import cdn
from core import compat, visibility
from core.pagination import CachedCountPaginator
from core.routing import ChildRouteMixin
from core.text_mode import graphic_path
from news.api import AuthorsField, CategoryField, LeadImageRenditionField
from news.blocks import ArticleBodyBlock
from news.forms import NewsArticleForm
from pages.base import PublicPage
from seo.metadata import absolute, breadcrumb_list, organisation

from .snippets import Author, Category

# Image renditions the API offers for a lead image.
RENDITIONS = {"small": "fill-600x400|format-jpeg", "large": "fill-1200x800|format-jpeg"}


class NewsIndexPage(RoutablePageMixin, ChildRouteMixin, PublicPage):
    """All stories, newest first, and their archives by category, author, year and month."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A sentence or two shown above the list of stories.",
    )

    articles_per_page = 12  # fills whole rows of the one-, two- and three-column grids
    # What paginate() reads; the page sees no other query parameter (caching.page_cache).
    query_parameters = ("page", "after", "before")

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsArticlePage"]
    max_count = 1

    class Meta:
        verbose_name = "news index page"

    def get_articles(self):
        return NewsArticlePage.objects.child_of(self).for_teasers()

    def route_children(self):
        # A story is served with what its page shows fetched alongside it.
        return NewsArticlePage.objects.child_of(self).select_related("lead_image", "category")

    def render_listing(self, request, articles, archive=None):
        listing = f"{self.pk}:{graphic_path(request.path)}"
        page_of_articles = paginate(articles, request, self.articles_per_page, listing)
        if archive is not None and not page_of_articles.paginator.count:
            raise Http404("No stories in this archive.")
        return self.render(
            request, context_overrides={"articles": page_of_articles, "archive": archive}
        )

    @path("")
    def all_stories(self, request):
        return self.render_listing(request, self.get_articles())

    @path("category/<slug:slug>/", name="category")
    def category_archive(self, request, slug):
        category = get_object_or_404(Category, slug=slug)
        return self.render_listing(
            request,
            self.get_articles().filter(category=category),
            Archive(f"Category: {category.name}", category.description, category=category),
        )

    @path("author/<slug:slug>/", name="author")
    def author_archive(self, request, slug):
        author = get_object_or_404(Author, slug=slug)
        return self.render_listing(
            request,
            self.get_articles().filter(article_authors__author=author),
            Archive(f"Stories by {author.name}", author.role),
        )

    # Years 1000 to 2999 only: others are not in any archive, and year 0 or 9999 would
    # overflow Python's date range in the lookups (a 404, not a server error).
    @re_path(r"^([12]\d{3})/$", name="year")
    def year_archive(self, request, year):
        year = int(year)
        return self.render_listing(
            request,
            self.get_articles().filter(posted_at_sort__year=year),
            Archive(f"Stories from {year}"),
        )

    @re_path(r"^([12]\d{3})/(\d{2})/$", name="month")
    def month_archive(self, request, year, month):
        year, month = int(year), int(month)
        if not 1 <= month <= 12:
            raise Http404("No such month.")
        label = date(year, month, 1).strftime("%B %Y")
        return self.render_listing(
            request,
            self.get_articles().filter(posted_at_sort__year=year, posted_at_sort__month=month),
            Archive(f"Stories from {label}"),
        )

    def get_sitemap_urls(self, request=None):
        """The index, then each archive that has stories in it."""
        urls = super().get_sitemap_urls(request)
        if not urls:
            return urls
        base = urls[0]["location"].rstrip("/")
        articles = self.get_articles()

        def distinct(field):
            return articles.order_by().values_list(field, flat=True).distinct()

        routes = [
            *[("category", [slug]) for slug in distinct("category__slug")],
            *[("author", [slug]) for slug in distinct("article_authors__author__slug")],
            *[("year", [d.year]) for d in articles.dates("posted_at_sort", "year")],
            *[
                ("month", [d.year, f"{d.month:02d}"])
                for d in articles.dates("posted_at_sort", "month")
            ],
        ]
        seen = set()
        for route_name, args in routes:
            path = self.reverse_subpage(route_name, args=args)
            if args[0] and path not in seen:
                seen.add(path)
                urls.append({"location": f"{base}/{path}"})
        return urls

    def archive_url(self, route_name, *args):
        return self.url + self.reverse_subpage(route_name, args=args)

    def archive_path(self, route_name, *args):
        """Local path of an archive, for the CDN (caching.cdn), whatever host the site has."""
        return urlsplit(self.get_full_url()).path + self.reverse_subpage(route_name, args=args)

    def cdn_paths(self):
        """Besides the index and its archives (get_sitemap_urls), its feeds: the site's and
        every category's (caching.cdn, when the whole site is purged)."""
        slugs = Category.objects.values_list("slug", flat=True)
        return cdn.Paths(
            files=[*feed_paths(), *(path for slug in slugs for path in feed_paths(slug))]
        )


def feed_paths(category_slug=None):
    """The RSS and Atom feeds of the site, or of one category."""
    if category_slug is None:
        return [reverse("news_feed_rss"), reverse("news_feed_atom")]
    return [
        reverse(f"category_feed_{kind}", kwargs={"slug": category_slug}) for kind in ("rss", "atom")
    ]


@dataclass
class Archive:
    """One archive of stories, as its page introduces it."""

    title: str
    description: str = ""
    category: Category | None = None  # a category archive has feeds of its own


def paginate(queryset, request, per_page, listing):
    """The requested page of a listing. A page number or a position that isn't one is a 404,
    not an error."""
    paginator = ArchivePaginator(queryset, per_page, listing)
    try:
        return paginator.page(
            request.GET.get("page", 1),
            after=parse_cursor(request.GET.get("after")),
            before=parse_cursor(request.GET.get("before")),
        )
    except (PageNotAnInteger, EmptyPage, ValueError) as exc:
        raise Http404("No such page of stories.") from exc


CURSOR = re.compile(r"^(-?\d{1,18})-(\d{1,18})$")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def cursor_for(article):
    """Where a story sits in a listing, for the newer/older links: its posted time in
    microseconds since 1970, and its id (the tie-breaker)."""
    posted = article.posted_at_sort
    return f"{(posted - EPOCH) // MICROSECOND}-{article.pk}" if posted else ""


def parse_cursor(value):
    """(posted time, id) from a cursor, None if there is none; ValueError if it is not one."""
    if value is None:
        return None
    match = CURSOR.match(value)
    if not match:
        raise ValueError("Not a position in the listing.")
    micros, pk = (int(part) for part in match.groups())
    try:
        posted = EPOCH + micros * MICROSECOND
    except OverflowError as exc:
        raise ValueError("Not a position in the listing.") from exc
    return posted, pk


class ArchivePaginator(CachedCountPaginator):
    """Numbered pages of a listing of any length, each as cheap as the first.

    The count comes from the cache. The older/newer links carry the position of the last (or
    first) story shown, so stepping through the archive reads the next stories off the index
    (keyset pagination). A page asked for by number alone is read from the nearer end of the
    listing, so the last page costs what the first does.
    """

    def __init__(self, queryset, per_page, listing):
        super().__init__(queryset, per_page, listing, allow_empty_first_page=True)

    def page(self, number, after=None, before=None):
        """Page ``number``; with ``after`` (or ``before``), the stories just older (newer) than
        that position, which the older/newer links carry so that every step through the
        archive is read off the index, however deep."""
        number = self.validate_number(number)
        if after:
            posted, pk = after
            newer_first = self.object_list.filter(
                Q(posted_at_sort__lt=posted) | Q(posted_at_sort=posted, pk__lt=pk)
            )
            items = list(newer_first[: self.per_page])
        elif before:
            posted, pk = before
            older_first = self.object_list.reverse().filter(
                Q(posted_at_sort__gt=posted) | Q(posted_at_sort=posted, pk__gt=pk)
            )
            items = list(older_first[: self.per_page])[::-1]
        else:
            items = self._slice(number)
        if not items and self.count:
            raise EmptyPage("That page contains no results")
        page = PageOfStories(items, number, self)
        page.newer_cursor = cursor_for(items[0]) if items else ""
        page.older_cursor = cursor_for(items[-1]) if items else ""
        return page

    def _slice(self, number):
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if bottom > self.count // 2:
            from_end = self.object_list.reverse()[self.count - top : self.count - bottom]
            return list(from_end)[::-1]
        return list(self.object_list[bottom:top])


class ArticleQuerySet(PageQuerySet):
    def visible(self):
        """What readers may see: live, public, and not past its expiry time."""
        return visibility.visible_to_readers(self)

    def newest_first(self):
        # Matches the (posted_at_sort, page_ptr) indexes, so a page of a listing is read off an
        # index however long the archive. Publishing always sets a date, so none sort as null.
        return self.order_by("-posted_at_sort", "-pk")

    def for_teasers(self):
        """Live, public articles, newest first, with what a teaser shows fetched up front.

        Image renditions come from Wagtail's rendition cache, which holds them after the first
        view; a teaser shows no authors.
        """
        return self._listed().defer_streamfields()

    def for_listing(self):
        """Everything, authors included, for lists that show whole stories (feeds)."""
        return self._listed().prefetch_related("article_authors__author")

    def _listed(self):
        return self.visible().select_related("lead_image", "category").newest_first()


class ArticleAuthor(Orderable):
    page = ParentalKey(
        "news.NewsArticlePage", on_delete=models.CASCADE, related_name="article_authors"
    )
    author = models.ForeignKey(
        "news.Author",
        on_delete=models.PROTECT,
        related_name="article_links",
        help_text="Shown in the byline as “Written by”.",
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = "author"
        verbose_name_plural = "authors"


class RelatedStory(Orderable):
    """An editor's pick for an article's "Related stories"."""

    page = ParentalKey(
        "news.NewsArticlePage", on_delete=models.CASCADE, related_name="related_picks"
    )
    story = models.ForeignKey(
        "news.NewsArticlePage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Shown before stories picked automatically from the same category.",
    )

    panels = [FieldPanel("story")]

    class Meta(Orderable.Meta):
        verbose_name = "related story"
        verbose_name_plural = "related stories"


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsArticlePage(PublicPage):
    # What the newsroom's messages call it (editorial.page_permissions.nouns).
    newsroom_nouns = ("story", "stories")

    summary = models.TextField(
        max_length=300,
        help_text="One or two sentences for story lists and search engines. No more than 300 "
        "characters.",
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown at the top of the story and in story lists.",
    )
    lead_image_alt = models.CharField(
        "alt text",
        max_length=250,
        blank=True,
        help_text="Describe what the image shows for people who cannot see it. Required unless "
        "the image is decorative.",
    )
    lead_image_decorative = models.BooleanField(
        "image is decorative",
        default=False,
        help_text="Tick only if the image adds nothing to the story. It then gets no alt text.",
    )
    lead_image_caption = models.CharField(
        "caption",
        max_length=250,
        blank=True,
        help_text='Optional. Shown under the image, e.g. "Giao Phan, M.D."',
    )
    lead_image_credit = models.CharField(
        "credit",
        max_length=120,
        blank=True,
        help_text='Optional, e.g. "Photo: Jane Doe".',
    )
    body = StreamField(
        ArticleBodyBlock(),
        help_text="The story, in blocks: paragraphs, headings, pictures, quotes, contacts and "
        "videos. Use the + button to add a block where you want it.",
    )
    category = models.ForeignKey(
        "news.Category",
        null=True,
        blank=False,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text="Shown as “Category” and used for the category's page and feed.",
    )
    tags = ClusterTaggableManager(
        through="news.ArticleTag",
        blank=True,
        help_text="Keywords for the story, such as the condition or treatment, for "
        'example "melanoma, clinical trials". Listed under the story as "Tags".',
    )
    posted_at_override = models.DateTimeField(
        "posted on (override)",
        null=True,
        blank=True,
        help_text="Leave empty: “Posted on” is when the story went live. Set it only for "
        "archive stories imported with their original date.",
    )

    # "Posted on" as stored for listings and archives: the override, else the first publication.
    # Kept in step by save(), so listings sort and filter on one indexed column.
    posted_at_sort = models.DateTimeField(null=True, editable=False)

    objects = PageManager.from_queryset(ArticleQuerySet)()

    base_form_class = NewsArticleForm
    # Set by the editor's form: True while it saves a draft, whose checks wait for submission.
    is_deferred_validation = False

    api_fields = [
        APIField("summary"),
        APIField("posted_at"),
        APIField("last_published_at"),
        APIField("authors", serializer=AuthorsField(source="*")),
        APIField("category", serializer=CategoryField()),
        APIField("tags", serializer=TagsField()),
        APIField("lead_image_alt", serializer=CharField(source="lead_image_alt_text")),
        APIField("lead_image_caption"),
        APIField("lead_image_credit"),
        APIField("lead_image_small", serializer=LeadImageRenditionField(RENDITIONS["small"])),
        APIField("lead_image_large", serializer=LeadImageRenditionField(RENDITIONS["large"])),
        APIField("body"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldRowPanel([FieldPanel("lead_image_alt"), FieldPanel("lead_image_decorative")]),
                FieldRowPanel([FieldPanel("lead_image_caption"), FieldPanel("lead_image_credit")]),
            ],
            heading="Lead image",
        ),
        FieldPanel("body"),
        # "Add authors" opens the author chooser at once (with its "New author" tab). At least
        # one author is required on submitting, not on every draft: see NewsArticleForm.
        MultipleChooserPanel(
            "article_authors", chooser_field_name="author", heading="Written by", label="author"
        ),
        FieldPanel("category"),
        FieldPanel("tags"),
    ]
    promote_panels = [
        *Page.promote_panels,
        InlinePanel(
            "related_picks",
            label="Related stories",
            max_num=3,
            help_text="Up to three. Left empty, the newest stories in the same category are shown.",
        ),
        FieldPanel("posted_at_override"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.FilterField("category"),
        index.FilterField("posted_at_sort"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "news article"
        indexes = [
            models.Index(fields=["-posted_at_sort", "-page_ptr"], name="news_article_posted_idx"),
            models.Index(
                fields=["category", "-posted_at_sort", "-page_ptr"],
                name="news_article_category_idx",
            ),
        ]

    def save(self, *args, **kwargs):
        self.posted_at_sort = self.posted_at
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"posted_at_override", "first_published_at"} & set(
            update_fields
        ):
            kwargs["update_fields"] = {*update_fields, "posted_at_sort"}
        return super().save(*args, **kwargs)

    @property
    def posted_at(self):
        return self.posted_at_override or self.first_published_at

    @cached_property
    def news_index(self):
        parent = getattr(self, "routed_parent", None)  # set when routing came through it
        if isinstance(parent, NewsIndexPage):
            return parent
        return NewsIndexPage.objects.ancestor_of(self).first()

    def cdn_paths(self):
        """Where this story shows besides its own page, for the CDN to drop when it changes
        (caching.cdn): the home page's latest stories, the index and the story's category, author,
        year and month archives, and the site's and its category's feeds. First pages only:
        later ones carry a query string and age out of the CDN (FRONTEND_CACHE_SECONDS)."""
        paths = cdn.Paths(files=feed_paths())
        # Read afresh, not through the cached properties: the page may be mid-save or mid-move.
        index = NewsIndexPage.objects.ancestor_of(self).first()
        if index is None:
            return paths
        paths.pages = ["/", urlsplit(index.get_full_url()).path]  # "/": the site's root, home
        if self.category:
            paths.pages.append(index.archive_path("category", self.category.slug))
            paths.files += feed_paths(self.category.slug)
        links = self.article_authors.all().select_related("author")
        paths.pages += [index.archive_path("author", link.author.slug) for link in links]
        if self.posted_at:
            local = timezone.localtime(self.posted_at)
            paths.pages += [
                index.archive_path("year", local.year),
                index.archive_path("month", local.year, f"{local.month:02d}"),
            ]
        return paths

    @property
    def category_url(self):
        if self.category and self.news_index:
            return self.news_index.archive_url("category", self.category.slug)
        return ""

    @property
    def posted_month_url(self):
        posted = self.posted_at
        if posted and self.news_index:
            local = timezone.localtime(posted)
            return self.news_index.archive_url("month", local.year, f"{local.month:02d}")
        return ""

    @cached_property
    def byline(self):
        """(author, address of their stories) for each author, in order."""
        return [
            (author, self.news_index.archive_url("author", author.slug) if self.news_index else "")
            for author in self.authors
        ]

    @cached_property
    def authors(self):
        links = self.article_authors.all()
        if not compat.is_prefetched(self, "article_authors"):
            links = links.select_related("author")
        return [link.author for link in links]

    @property
    def lead_image_alt_text(self):
        return "" if self.lead_image_decorative else self.lead_image_alt

    related_count = 3

    def get_related_stories(self):
        """Editors' picks first, then the newest stories in the same category; readers' only.

        One query: the picks, and enough of the newest in the category to fill the gaps
        whichever picks turn out to be hidden, each marked with its place among the picks.
        """
        visible = NewsArticlePage.objects.for_teasers().exclude(pk=self.pk)
        picks = RelatedStory.objects.filter(page_id=self.pk)
        wanted = Q(pk__in=picks.values("story_id"))
        if self.category_id:
            newest = visible.filter(category_id=self.category_id).values("pk")
            wanted |= Q(pk__in=newest[: self.related_count * 2])
        pick_order = picks.filter(story_id=OuterRef("pk")).order_by("sort_order")
        candidates = visible.filter(wanted).annotate(
            pick_order=Subquery(pick_order.values("sort_order")[:1])
        )
        picked = sorted(
            (story for story in candidates if story.pick_order is not None),
            key=lambda story: story.pick_order,
        )
        rest = [story for story in candidates if story.pick_order is None]
        if self.category_id:
            rest = [story for story in rest if story.category_id == self.category_id]
        return [*picked, *rest][: self.related_count]

    def get_meta_description(self):
        return self.search_description or self.summary

    def get_social_image(self):
        return self.lead_image

    def get_structured_data(self, request, site_settings):
        """schema.org NewsArticle, with the trail that leads to it."""
        canonical = absolute(request, self.url)
        article = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title,
            "description": self.get_meta_description(),
            "datePublished": self.posted_at,
            "dateModified": self.last_published_at or self.posted_at,
            "author": [
                {"@type": "Person", "name": author.name, "url": absolute(request, url)}
                for author, url in self.byline
            ],
            "publisher": {
                key: value
                for key, value in organisation(request, site_settings).items()
                if key != "@context"
            },
            "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
            "url": canonical,
        }
        if self.social_rendition:
            article["image"] = [absolute(request, self.social_rendition.url)]
        if self.category:
            article["articleSection"] = self.category.name
        return [article, breadcrumb_list(self, request)]

    def clean(self):
        super().clean()
        if self.is_deferred_validation:
            return
        if self.lead_image and not self.lead_image_decorative and not self.lead_image_alt.strip():
            raise ValidationError(
                {"lead_image_alt": "Describe the image, or tick “image is decorative”."}
            )
