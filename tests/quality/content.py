"""What the quality gate reads: the demo site, plus what the demo does not show.

The demo has one banner and no embedded media. The gate also needs a banner of every severity
at once and a story that uses every kind of body block, so it adds those here. Run against the
quality site's own database (see tests.quality.site), never the developer's.
"""

from django.core.management import call_command
from django.db import transaction

from wagtail.embeds.blocks import EmbedValue
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from core.models import AlertBanner
from demo import builders
from news.blocks import ArticleBodyBlock

from .pages import SHOWCASE_SLUG

VIDEO_URL = "https://www.youtube.com/watch?v=qualitygate1"
PLAYER_URL = "https://www.youtube-nocookie.com/embed/qualitygate1"

# A story written the way the demo's are (see demo.articles), using every block type.
SHOWCASE = {
    "title": "What to expect at your first infusion visit",
    "slug": SHOWCASE_SLUG,
    "date": "2024-03-05",
    "category": "clinical-news",
    "authors": ["dana-whitaker", "renee-holloway"],
    "tags": ["infusion", "patient guide"],
    "summary": "From check-in to going home: how a first infusion day runs, what to bring, "
    "and who to call with questions.",
    "image": {"motif": "rings", "palette": "teal", "alt": "Teal rings on a pale background"},
    "caption": "The infusion center on the third floor.",
    "credit": "Illustration: Massey communications",
    "body": [
        (
            "paragraph",
            "Your first infusion day usually takes most of a morning. A nurse checks your "
            "blood counts, then starts the drip once the pharmacy has prepared your dose.",
        ),
        ("heading", "What to bring"),
        (
            "paragraph",
            "Bring a list of your medicines, something to read, and a warm layer: the "
            "infusion rooms are kept cool.",
        ),
        (
            "image",
            {
                "image": {
                    "title": "Infusion chair",
                    "motif": "columns",
                    "palette": "gold",
                    "alt": "A reclining chair beside a window with an IV stand",
                },
                "caption": "Each chair has a window, a reading light and a call button.",
                "credit": "Illustration: Massey communications",
            },
        ),
        (
            "pull_quote",
            {
                "quote": "Nobody expects you to know the routine on day one. Ask us anything.",
                "attribution": "Avery Lang, R.N.",
                "attribution_role": "infusion nurse manager",
            },
        ),
        (
            "embed",
            {
                "embed": EmbedValue(VIDEO_URL, max_width=800),
                "title": "A two-minute tour of the infusion center",
                "caption": "Video: Massey communications",
            },
        ),
        (
            "contact",
            {
                "intro": "Questions about your appointment? Call",
                "contact": "clinical-trials-office",
            },
        ),
        (
            "contact",
            {
                "intro": "For parking and directions, contact",
                "name": "the patient navigators",
                "phone": "(804) 555-0142",
                "email": "navigators@example.org",
            },
        ),
    ],
}

EXTRA_BANNERS = [
    {
        "title": "Parking",
        "message": "The visitor deck on Leigh Street is open again.",
        "severity": AlertBanner.Severity.INFO,
    },
    {
        "title": "Weather",
        "message": "Clinics open at 10 a.m. today because of snow.",
        "severity": AlertBanner.Severity.URGENT,
    },
]


def missing_block_types(body):
    used = {block_type for block_type, _ in body}
    return sorted(set(ArticleBodyBlock().child_blocks) - used)


def serve_stand_in_player(page, controls=4, style=""):
    """Answer the video frame's requests in this browser page with a player of `controls`
    buttons: the gate's browser cannot reach YouTube, and a keyboard walk should still pass
    through a player's own controls and out the other side, as on the live site."""
    buttons = "".join(f"<button>Control {number}</button>" for number in range(1, controls + 1))
    html = f"<!doctype html><title>Player</title><style>{style}</style>{buttons}"
    page.route(PLAYER_URL, lambda route: route.fulfill(body=html, content_type="text/html"))


def cache_embed():
    """Store the video's embed code as Wagtail does after fetching it: no network needed."""
    Embed.objects.get_or_create(
        hash=get_embed_hash(VIDEO_URL, 800),
        defaults={
            "url": VIDEO_URL,
            "max_width": 800,
            "type": "video",
            "html": '<iframe width="800" height="450" title="A two-minute tour of the infusion '
            f'center" src="{PLAYER_URL}" allowfullscreen></iframe>',
            "title": "A two-minute tour of the infusion center",
            "provider_name": "YouTube",
            "width": 800,
            "height": 450,
        },
    )


def load():
    missing = missing_block_types(SHOWCASE["body"])
    if missing:
        raise RuntimeError(f"The showcase story does not use these blocks: {missing}")
    call_command("load_demo_content", verbosity=0)
    changes = builders.Changes()
    with transaction.atomic():
        for data in EXTRA_BANNERS:
            AlertBanner.objects.get_or_create(title=data["title"], defaults=data)
        cache_embed()
        _site, home = builders.get_site_and_home()
        refs = (
            builders.build_collection(changes),
            builders.build_categories(changes),
            builders.build_authors(changes),
            builders.build_contacts(changes),
        )
        index = builders.build_news_index(home, changes)
        builders.build_article(index, SHOWCASE, refs, changes)
