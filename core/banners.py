"""The alert banners, served apart from the pages they top.

Every page shows the banners. Were they part of each stored page (caching.page_cache), a banner
change would make every stored page stale, and the next reader of each would wait for a full
render. Instead a page the page cache answers carries a *slot* where the banners go, and the
banners' markup, rendered once for each view and kept in the cache, is put in at serve time: on
a hit, and on the miss that stores the page. A banner change replaces the banners' own token
(core.generation, from caching.invalidation) and nothing else: the next request renders the banners
once, and every stored page is served with them straight away.

The markup is kept under the site-wide token too, so a banner's link to a page follows the page
when it moves, and no longer than the first expiry time among the banners shown: a banner past
its expiry is hidden at once, as a story is, before the scheduler takes it down. Pages answered
outside the page cache (editors, previews, the cache switched off) get the same markup inline.
"""

import hashlib
import math
import time
from functools import cache as once

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac
from django.utils.safestring import mark_safe

from .generation import BANNERS_TOKEN_KEY, TOKEN_KEY, generation
from .models import AlertBanner
from .text_mode import is_text_only, text_only_mode

MARKUP_KEY = "fragment:banners"
# What the page cache reads, in its one round trip, to serve a stored page with the banners.
KEYS = (TOKEN_KEY, BANNERS_TOKEN_KEY, MARKUP_KEY)
VIEWS = ("graphic", "text")
TEMPLATE = "core/alert_banners.html"
# As long as fragments are kept (core.fragments): an entry of an old token is never read again.
TIMEOUT = 24 * 60 * 60


@once
def _nonce():
    # From the secret key: no story's markup can carry a slot of its own for the banners to
    # fill, and every instance of the site writes and fills the same slot.
    return salted_hmac("core.banners.slot", "slot").hexdigest()[:20]


def slot(view):
    return f"<!--alert-banners:{view}:{_nonce()}-->"


def current_view():
    return "text" if is_text_only() else "graphic"


def has_slot(content):
    return any(slot(view).encode() in content for view in VIEWS)


def _render(banners, view):
    if view == "text":
        with text_only_mode():  # links to pages lead to their text-only twins
            return render_to_string(TEMPLATE, {"banners": banners})
    return render_to_string(TEMPLATE, {"banners": banners})


def _build(tokens):
    now = time.time()
    banners = list(AlertBanner.objects.current())
    expiries = [banner.expire_at.timestamp() for banner in banners if banner.expire_at]
    html = {view: _render(banners, view) for view in VIEWS}
    return {
        "tokens": tokens,
        "valid_until": min(expiries, default=None),
        "built": math.floor(now),
        "fingerprint": hashlib.md5(  # a fingerprint, not a security measure
            "\0".join(html[view] for view in VIEWS).encode(), usedforsecurity=False
        ).hexdigest(),
        **html,
    }


def markup(found=None):
    """The banners' markup for both views, as readers see them now.

    ``found`` is what a ``cache.get_many(KEYS)`` returned (the page cache reads it with the
    page); without it the keys are read here.
    """
    if found is None:
        found = cache.get_many(KEYS)
    tokens = (
        found.get(TOKEN_KEY) or generation(),
        found.get(BANNERS_TOKEN_KEY) or generation(BANNERS_TOKEN_KEY),
    )
    entry = found.get(MARKUP_KEY)
    if (
        entry is not None
        and entry["tokens"] == tokens
        and (entry["valid_until"] is None or time.time() < entry["valid_until"])
    ):
        return entry
    # Under the tokens read before building: a change meanwhile makes this entry stale.
    entry = _build(tokens)
    timeout = TIMEOUT
    if entry["valid_until"] is not None:
        timeout = max(1, min(timeout, math.ceil(entry["valid_until"] - time.time())))
    cache.set(MARKUP_KEY, entry, timeout)
    return entry


def fill(content, entry):
    """The page ``content`` (bytes) with the banners in their slot."""
    for view in VIEWS:
        content = content.replace(slot(view).encode(), entry[view].encode(), 1)
    return content


def for_template(request):
    """What ``{% alert_banners %}`` writes: the slot, where the page cache fills it in (it
    marks the requests it answers), or else the markup itself."""
    view = current_view()
    if getattr(request, "alert_banner_slot", False):
        return mark_safe(slot(view))  # noqa: S308 - a comment of our own
    return mark_safe(markup()[view])  # noqa: S308 - rendered by our template, escaped


def preview(banner):
    """The banners readers would see with ``banner`` as it stands in the editor: in place of
    its live version, among the others, most severe first."""
    others = [other for other in AlertBanner.objects.current() if other.pk != banner.pk]
    banners = sorted(
        [*others, banner],
        key=lambda b: (-AlertBanner.SEVERITY_RANK.get(b.severity, 0), b.pk or math.inf),
    )
    return mark_safe(render_to_string(TEMPLATE, {"banners": banners}))  # noqa: S308
