"""Many live stories at once, written straight into the page tree in batches.

Saving a page through Wagtail costs a tree lock, a revision, a publish and a search update per
story: hours for 100,000. Here each batch is a handful of bulk inserts that leave exactly what
that path leaves behind for a live page:

- the page row, with its materialised-path position (path, depth), ``url_path``, live state and
  publication dates, and the news index's ``numchild`` kept equal to its children;
- the article row, its authors and tags;
- one revision per page, marked as both the latest and the live revision, as a publish makes;
- the entries of the search index (the database backend's own bulk path);
- the reference index's rows, which make the stories' images public (security.media_visibility);
- cached counts and story lists dropped, as publishing a page would.

Each batch commits on its own, so an interrupted run leaves a valid tree.
"""

import datetime as dt
import hashlib
import io
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from treebeard.numconv import NumConv

from core.generation import bump_generation
from demo import images as drawings
from demo.articles import AUTHORS, CATEGORIES
from news.models import ArticleAuthor, ArticleTag, Author, Category, NewsArticlePage, NewsIndexPage

from . import text

IMAGE_COUNT = 6
EARLIEST = dt.datetime(1990, 1, 1, tzinfo=dt.UTC)
MOTIFS = ["cells", "waves", "rings", "helix", "petals", "mosaic"]
PALETTES = ["teal", "plum", "navy", "leaf", "coral", "sky"]


def ensure_people_and_topics():
    """The site's categories and authors, with the demo's created if there are none."""
    if not Category.objects.exists():
        Category.objects.bulk_create([Category(**data) for data in CATEGORIES])
    if not Author.objects.exists():
        Author.objects.bulk_create([Author(**data) for data in AUTHORS])
    return list(Category.objects.order_by("pk")), list(Author.objects.order_by("pk"))


def ensure_images():
    """A small set of pictures every seeded story reuses, drawn once if the library is short."""
    image_model = get_image_model()
    existing = list(image_model.objects.order_by("pk")[:IMAGE_COUNT])
    collection = Collection.get_first_root_node()
    for number in range(len(existing), IMAGE_COUNT):
        key = f"seeded-{number}"
        data = drawings.draw_abstract(key, MOTIFS[number], PALETTES[number])
        image = image_model(
            title=f"Abstract illustration {number + 1}",
            description="An abstract pattern of soft shapes.",
            collection=collection,
            file=ImageFile(io.BytesIO(data), name=f"{key}.jpg"),
            file_size=len(data),
            file_hash=hashlib.sha1(data, usedforsecurity=False).hexdigest(),
        )
        image.save()
        existing.append(image)
    return existing


def ensure_tags():
    return [
        Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]
        for name in text.TAGS
    ]


class StoryWriter:
    """Invents one story at a time from a seeded random generator, so runs are repeatable."""

    def __init__(self, seed, categories, authors, images, tags):
        self.rng = random.Random(seed)  # noqa: S311 - invented content, not security
        self.categories, self.authors, self.images, self.tags = categories, authors, images, tags

    def pick(self, options):
        return self.rng.choice(options)

    def title(self):
        return f"{self.pick(text.SUBJECTS)} {self.pick(text.ACTIONS)} {self.pick(text.TOPICS)}"

    def paragraph(self, sentences=3):
        chosen = self.rng.sample(text.SENTENCES, sentences)
        return "<p>" + " ".join(escape(sentence) for sentence in chosen) + "</p>"

    def body(self, title):
        speaker, role = self.pick(text.SPEAKERS)
        place = self.pick(text.PLACES)
        opening = f"<p>{escape(title)}, serving patients in {escape(place)} and beyond.</p>"
        blocks = [
            ("paragraph", opening + self.paragraph()),
            ("heading", {"text": self.pick(text.HEADINGS), "level": "h2"}),
            ("paragraph", self.paragraph(4)),
            (
                "pull_quote",
                {"quote": self.pick(text.QUOTES), "attribution": speaker, "attribution_role": role},
            ),
            ("paragraph", self.paragraph()),
        ]
        return [
            {"type": kind, "value": value, "id": str(uuid.UUID(int=self.rng.getrandbits(128)))}
            for kind, value in blocks
        ]

    def published_at(self, now):
        span = (now - EARLIEST).total_seconds()
        return EARLIEST + dt.timedelta(seconds=self.rng.uniform(0, span))

    def story(self, now):
        title = self.title()
        image = self.pick(self.images)
        published = self.published_at(now)
        summary = (f"{title}. " + self.pick(text.SENTENCES))[:300]
        return {
            "title": title,
            "summary": summary,
            "body": self.body(title),
            "image": image,
            "category": self.pick(self.categories),
            "authors": self.rng.sample(self.authors, self.rng.choice([1, 1, 1, 2])),
            "tags": self.rng.sample(self.tags, self.rng.randint(0, 3)),
            "published": published,
        }


def _insert_child_rows(pages):
    """Insert NewsArticlePage's own table rows for pages whose base rows exist.

    Django's bulk_create refuses multi-table models, so the child table gets a plain batched
    INSERT built from the model's own field definitions (names, quoting and value conversion).
    """
    meta = NewsArticlePage._meta
    fields = list(meta.local_concrete_fields)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    table = connection.ops.quote_name(meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 - model names
    rows = [
        [field.get_db_prep_save(getattr(page, field.attname), connection) for field in fields]
        for page in pages
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


# A page's tree path is its parent's, then its place among the parent's children written in
# Page.alphabet, padded to Page.steplen (treebeard's materialised path).
TREE_STEPS = NumConv(Page.alphabet)


def child_path(parent, step):
    """The tree path of the ``step``-th child of ``parent``."""
    return parent.path + TREE_STEPS.int2str(step).rjust(Page.steplen, Page.alphabet[0])


def _next_step(index):
    last = index.get_last_child()
    return TREE_STEPS.str2int(last.path[-Page.steplen :]) + 1 if last else 1


def seed(count, *, batch_size=1000, seed=0, on_batch=None):
    """Create ``count`` live stories under the news index. Returns how many were made."""
    index = NewsIndexPage.objects.first()
    if index is None:
        raise LookupError("There is no news index page to put stories under.")
    categories, authors = ensure_people_and_topics()
    writer = StoryWriter(seed, categories, authors, ensure_images(), ensure_tags())
    page_type = ContentType.objects.get_for_model(NewsArticlePage)
    base_type = ContentType.objects.get_for_model(Page)
    backend = get_search_backend()
    now = timezone.now()
    made = 0
    while made < count:
        size = min(batch_size, count - made)
        with transaction.atomic():
            index.refresh_from_db()
            step = _next_step(index)
            stories = [writer.story(now) for _ in range(size)]
            pages = [
                _page(index, step + offset, story, page_type)
                for offset, story in enumerate(stories)
            ]
            base_fields = {field.attname for field in Page._meta.concrete_fields}
            bases = Page.objects.bulk_create(
                [
                    Page(**{name: getattr(page, name) for name in base_fields if name != "id"})
                    for page in pages
                ]
            )
            for page, base in zip(pages, bases, strict=True):
                page.pk = page.id = page.page_ptr_id = base.pk
            _insert_child_rows(pages)
            ArticleAuthor.objects.bulk_create(
                [
                    ArticleAuthor(page_id=page.pk, author=author, sort_order=order)
                    for page, story in zip(pages, stories, strict=True)
                    for order, author in enumerate(story["authors"])
                ]
            )
            ArticleTag.objects.bulk_create(
                [
                    ArticleTag(content_object_id=page.pk, tag=tag)
                    for page, story in zip(pages, stories, strict=True)
                    for tag in story["tags"]
                ]
            )
            revisions = Revision.objects.bulk_create(
                [
                    Revision(
                        content_type=page_type,
                        base_content_type=base_type,
                        object_id=str(page.pk),
                        created_at=page.last_published_at,
                        object_str=page.title,
                        content=page.serializable_data(),
                    )
                    for page, story in zip(pages, stories, strict=True)
                ]
            )
            for page, revision in zip(pages, revisions, strict=True):
                page.latest_revision_id = page.live_revision_id = revision.pk
            Page.objects.bulk_update(pages, ["latest_revision", "live_revision"])
            backend.add_bulk(NewsArticlePage, pages)
            for page in pages:
                ReferenceIndex.create_or_update_for_object(page)
            Page.objects.filter(pk=index.pk).update(numchild=index.numchild + size)
        bump_generation()  # bulk inserts send no signals: drop stored pages, counts and lists
        made += size
        if on_batch:
            on_batch(made, count)
    _refresh_statistics()
    return made


def _refresh_statistics():
    """PostgreSQL plans queries from table statistics that a bulk load leaves far behind (it
    would plan a join of 10,000 stories as if there were a handful, and take minutes). Analyze
    the tables the load grew rather than wait for autovacuum."""
    if connection.vendor != "postgresql":
        return
    tables = [
        model._meta.db_table
        for model in (Page, NewsArticlePage, ArticleAuthor, ArticleTag, Revision, IndexEntry)
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(tables)}")  # noqa: S608 - model table names


def _page(index, step, story, page_type):
    title = story["title"]
    slug = f"{slugify(title)[:70]}-{step}"
    page = NewsArticlePage(
        title=title,
        draft_title=title,
        slug=slug,
        path=child_path(index, step),
        depth=index.depth + 1,
        numchild=0,
        url_path=f"{index.url_path}{slug}/",
        content_type=page_type,
        locale_id=index.locale_id,
        translation_key=uuid.uuid4(),
        live=True,
        has_unpublished_changes=False,
        first_published_at=story["published"],
        last_published_at=story["published"],
        posted_at_sort=story["published"],
        latest_revision_created_at=story["published"],
        summary=story["summary"],
        lead_image=story["image"],
        lead_image_alt=story["image"].description or story["image"].title,
        lead_image_caption="",
        lead_image_credit="",
        body=story["body"],
        category=story["category"],
    )
    # In memory too, so the revision records them without reading them back.
    page.article_authors = [
        ArticleAuthor(author=author, sort_order=order)
        for order, author in enumerate(story["authors"])
    ]
    page.tagged_items = [ArticleTag(tag=tag) for tag in story["tags"]]
    page.related_picks = []
    return page
