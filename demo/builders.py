"""One builder per concern. Each brings the database in line with the demo data and records
what it changed in a ``Changes`` log, so that a second run can say there was nothing to do.

Stories, snippets, images and the banner are created only when missing: once they exist,
the loader leaves them alone, so editors' changes survive a re-run. The home page and the site
settings are singletons the demo depends on, so their fields are set back to the demo values.
"""

import datetime as dt
import hashlib
import io
from collections import Counter
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.core.management.base import CommandError
from django.utils.html import format_html
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.models import Collection, Site

from core.models import AlertBanner, SiteSettings
from home.models import HomeFeaturedArticle, HomePage
from news.models import ArticleAuthor, Author, Category, Contact, NewsArticlePage, NewsIndexPage

from . import images
from .articles import ARTICLES, AUTHORS, CATEGORIES, CONTACTS, IL2_ARTICLE
from .content import (
    ALERT_BANNER,
    DEMO_ACCOUNTS,
    HOME_PAGE,
    LOGO,
    NEWS_INDEX,
    SITE_SETTINGS,
)

# Story dates are the newsroom's local dates; noon keeps them on the same day in any zone.
NEWSROOM_TZ = ZoneInfo("America/New_York")
COLLECTION_NAME = "Demo content"


class Changes:
    """What a run created or updated, and which media files it wrote."""

    def __init__(self):
        self.entries = []
        self.saved_files = []

    def record(self, kind, description):
        self.entries.append((kind, description))

    def __bool__(self):
        return bool(self.entries)

    def summary(self):
        counts = Counter(kind for kind, _ in self.entries)
        return ", ".join(f"{kind}: {count}" for kind, count in counts.items())

    def discard_files(self):
        """Delete files this run wrote: a rolled-back transaction cannot take them back."""
        for name in self.saved_files:
            default_storage.delete(name)
        self.saved_files.clear()


def _create(model, data, changes, kind):
    """Save a new instance after the same validation the admin forms apply."""
    instance = model(**data)
    instance.full_clean()
    instance.save()
    changes.record(kind, f"created {instance}")
    return instance


def _publish(page):
    # A revision, as if an editor had pressed Publish: the page gets history, and its live
    # content comes from the revision like any other page's.
    page.save_revision().publish()


def _local_noon(iso_date):
    return dt.datetime.combine(dt.date.fromisoformat(iso_date), dt.time(12), tzinfo=NEWSROOM_TZ)


def get_site_and_home():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise CommandError("There is no default site. Run `manage.py migrate` first.")
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        raise CommandError(
            f"The default site's root page is a {type(home).__name__}, not a HomePage."
        )
    return site, home


def build_collection(changes):
    collection = Collection.objects.filter(name=COLLECTION_NAME).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=COLLECTION_NAME)
        changes.record("collections", f"created {COLLECTION_NAME}")
    return collection


def build_image(collection, title, description, draw, filename, changes):
    """The image titled ``title`` in the demo collection, drawn and saved if it is missing."""
    image_model = get_image_model()
    image = image_model.objects.filter(collection=collection, title=title).first()
    if image is not None:
        return image
    data = draw()
    image = image_model(
        title=title,
        description=description,
        collection=collection,
        file=ImageFile(io.BytesIO(data), name=filename),
        # Set here because only the admin's upload views fill them in.
        file_size=len(data),
        file_hash=hashlib.sha1(data, usedforsecurity=False).hexdigest(),
    )
    image.save()
    changes.saved_files.append(image.file.name)
    changes.record("images", f"created {title}")
    return image


def build_spec_image(collection, spec, default_title, changes):
    """An article picture from its spec in demo.articles: a portrait or an abstract."""
    title = spec.get("title", default_title)
    key = slugify(title)
    if spec.get("portrait"):

        def draw():
            return images.draw_portrait(key, spec["palette"])
    else:

        def draw():
            return images.draw_abstract(key, spec["motif"], spec["palette"])

    description = spec.get("description", spec["alt"])
    return build_image(collection, title, description, draw, f"{key[:60]}.jpg", changes)


def build_categories(changes):
    return {
        data["slug"]: Category.objects.filter(slug=data["slug"]).first()
        or _create(Category, data, changes, "categories")
        for data in CATEGORIES
    }


def build_authors(changes):
    return {
        data["slug"]: Author.objects.filter(slug=data["slug"]).first()
        or _create(Author, data, changes, "authors")
        for data in AUTHORS
    }


def build_contacts(changes):
    return {
        key: Contact.objects.filter(name=data["name"]).first()
        or _create(Contact, data, changes, "contacts")
        for key, data in CONTACTS.items()
    }


def build_site_settings(site, collection, changes):
    logo = build_image(
        collection, LOGO["title"], LOGO["description"], images.draw_logo, "logo.png", changes
    )
    site_settings = SiteSettings.for_site(site)
    wanted = {**SITE_SETTINGS, "logo": logo}
    changed = [name for name, value in wanted.items() if getattr(site_settings, name) != value]
    if changed:
        for name in changed:
            setattr(site_settings, name, wanted[name])
        site_settings.full_clean()
        site_settings.save()
        changes.record("site settings", f"set {', '.join(changed)}")
    return site_settings


def build_alert_banner(changes):
    """The seed's notice, live, published from a first revision as an editor would."""
    banner = AlertBanner.objects.filter(title=ALERT_BANNER["title"]).first()
    if banner is None:
        banner = _create(AlertBanner, {**ALERT_BANNER, "live": False}, changes, "alert banners")
        banner.save_revision().publish()
    return banner


def build_news_index(home, changes):
    """The news index the migrations made, given its introduction and a first revision."""
    index = NewsIndexPage.objects.child_of(home).first()
    if index is None:
        index = NewsIndexPage(**NEWS_INDEX, show_in_menus=True, live=False)
        home.add_child(instance=index)
    elif index.live_revision_id is not None:
        return index
    for name, value in NEWS_INDEX.items():
        setattr(index, name, value)
    _publish(index)
    changes.record("pages", f"published {index.title} at {index.url_path}")
    return index


def _body(blocks, collection, contacts, changes):
    """The article's body as (block type, value) pairs, which a StreamField accepts as is."""
    body = []
    for block_type, value in blocks:
        if block_type == "paragraph":
            value = format_html("<p>{}</p>", value)
        elif block_type == "heading":
            value = {"text": value, "level": "h2"}
        elif block_type == "contact" and "contact" in value:
            value = {**value, "contact": contacts[value["contact"]]}
        elif block_type == "image":
            spec = value["image"]
            image = build_spec_image(collection, spec, spec["title"], changes)
            value = {
                **value,
                "image": {"image": image, "alt_text": spec["alt"], "decorative": False},
            }
        body.append((block_type, value))
    return body


def build_article(index, data, refs, changes):
    """The story, created and published with its original date if it is not there yet."""
    slug = data.get("slug") or slugify(data["title"])
    page = NewsArticlePage.objects.child_of(index).filter(slug=slug).first()
    if page is not None:
        return page
    collection, categories, authors, contacts = refs
    posted_at = _local_noon(data["date"])
    lead = data["image"]
    page = NewsArticlePage(
        title=data["title"],
        slug=slug,
        summary=data["summary"],
        lead_image=build_spec_image(collection, lead, f"Illustration: {data['title']}", changes),
        lead_image_alt=lead["alt"],
        lead_image_caption=data.get("caption", ""),
        lead_image_credit=data.get("credit", ""),
        body=_body(data["body"], collection, contacts, changes),
        category=categories[data["category"]],
        # An archive story: both dates are the original one, so "Posted on" shows it, and
        # first_published_at survives publishing because it is already set.
        posted_at_override=posted_at,
        first_published_at=posted_at,
        live=False,
    )
    # Model validation does not run block validation; hold the demo to the editors' rules.
    page.body.stream_block.clean(page.body)
    page.article_authors = [
        ArticleAuthor(author=authors[author_slug], sort_order=position)
        for position, author_slug in enumerate(data["authors"])
    ]
    page.tags.add(*data["tags"])
    index.add_child(instance=page)
    _publish(page)
    changes.record("articles", f"created {page.title}")
    return page


ALL_ARTICLES = [IL2_ARTICLE, *ARTICLES]


def build_articles(index, collection, categories, authors, contacts, changes):
    refs = (collection, categories, authors, contacts)
    return [build_article(index, data, refs, changes) for data in ALL_ARTICLES]


def build_home_page(home, articles, changes):
    """Title and intro, and the featured stories (newest first) unless editors picked some."""
    changed = [name for name, value in HOME_PAGE.items() if getattr(home, name) != value]
    for name in changed:
        setattr(home, name, HOME_PAGE[name])
    if not home.featured_articles.exists():
        featured = sorted(
            (
                page
                for page, data in zip(articles, ALL_ARTICLES, strict=True)
                if data.get("featured")
            ),
            key=lambda page: page.posted_at,
            reverse=True,
        )
        home.featured_articles = [
            HomeFeaturedArticle(article=page, sort_order=position)
            for position, page in enumerate(featured)
        ]
        changed.append("featured stories")
    # The migration made the home page without a revision: give it one, like any other page.
    if changed or home.live_revision_id is None:
        _publish(home)
        changes.record("pages", f"published the home page ({', '.join(changed) or 'revision'})")
    return home


def build_demo_accounts(changes):
    """One sign-in per role, each with its username as password. Returns those that still
    have the demo password; an account someone has changed is not ours to reset."""
    user_model = get_user_model()
    ready = []
    for account in DEMO_ACCOUNTS:
        username, role = account["username"], account["role"]
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create_user(
                username,
                f"{username}@example.org",
                username,
                first_name=account["first_name"],
                last_name=account["last_name"],
                is_staff=role == "superuser",
                is_superuser=role == "superuser",
            )
            if role != "superuser":
                user.groups.add(Group.objects.get(name=role))
            changes.record("accounts", f"created {username} ({role})")
        elif not user.check_password(username):
            continue
        ready.append((username, role))
    return ready
