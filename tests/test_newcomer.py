"""The site as a newcomer starts it: a clean clone of HEAD and the README's `make run`.

Everything else in the suite runs against a site built for the tests. This module clones the
repository's committed HEAD into a temporary folder and starts it exactly as the README says,
`make run` (its own virtualenv, migrations, demo content, runserver and the scheduler as two
processes, development settings, SQLite). Then:

- an anonymous reader goes from the home page to /news/ and on to the IL-2 story by following
  links, and every picture on home, /news/ and the story, in both views, loads (each `<img src>`,
  each `srcset` candidate, each `[View Image]` link), and those six pages are valid HTML;
- an editor publishes a story through the admin: readers see it on /news/, home and the RSS feed
  within 5 s;
- the editor schedules another: it is nowhere before its go-live time, and on its own page, the
  listings, its archives, both feeds and the sitemap within 20 s of it.
"""

import os
import re
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import feedparser
import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from demo.articles import AUTHORS, CATEGORIES, IL2_ARTICLE

from .helpers import visible_text
from .quality.gates import VNU_JAR, html_errors
from .quality.site import stop_with_parent
from .servers import free_port, wait_until_up

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.browser,
    # A newcomer's `make run` is SQLite whatever database the suite is given, so CI's
    # PostgreSQL pass would only run the same site again.
    pytest.mark.skipif(
        bool(os.environ.get("DATABASE_URL")),
        reason="make run is SQLite on a clean clone; this runs in the SQLite pass",
    ),
]

# A fresh virtualenv and pip install of requirements.txt comes first (pip's cache helps).
READY_TIMEOUT = 15 * 60
# What the development settings read a typed go-live time in: TIME_ZONE's default (the demo
# accounts have no time zone of their own, and a newcomer has not set TIME_ZONE).
SITE_TIME_ZONE = ZoneInfo("America/New_York")
PUBLISHED_WITHIN = 5
SCHEDULED_WITHIN = 20
POLL_SECONDS = 0.25


# --- the editor's steps in the admin ---------------------------------------------------------
# Only what the admin shows: labels, roles and messages. The schedule dialog's and the publishing
# messages' wording is here and nowhere else.


class Editor:
    """An admin page in Chromium that knows when the admin's autosave has caught up.

    Clicking a button while an autosave is still on its way races it: the admin then refuses the
    click ("slug already in use", "You saved a new version in another window"). A person sees
    "Saving…" turn to "Saved" before they go on; here that is the admin's autosave requests
    being answered, with none started for a while after the last change.
    """

    # The admin notices a change and saves it about 1.5 s later (it looks every 500 ms, waits
    # 530 ms for more, then 500 ms before sending); twice that, for a loaded machine.
    QUIET_SECONDS = 3.0

    def __init__(self, page):
        self.page = page
        self.saving = 0
        self.last_activity = time.monotonic()
        page.on("request", self._started)
        page.on("requestfinished", self._finished)
        page.on("requestfailed", self._finished)

    @staticmethod
    def _is_autosave(request):
        return request.method == "POST" and request.headers.get("accept") == "application/json"

    def _started(self, request):
        if self._is_autosave(request):
            self.saving += 1
            self.last_activity = time.monotonic()

    def _finished(self, request):
        if self._is_autosave(request):
            self.saving -= 1
            self.last_activity = time.monotonic()

    def settle(self, timeout=30):
        started = time.monotonic()
        while True:
            quiet_since = max(started, self.last_activity)
            if not self.saving and time.monotonic() - quiet_since >= self.QUIET_SECONDS:
                return
            assert time.monotonic() - started < timeout, "the admin's autosave did not finish"
            self.page.wait_for_timeout(100)  # lets Playwright deliver the request events


def sign_in(new_context, base, username):
    context = new_context()
    # The admin reopens the last side panel from localStorage a moment after each load, which
    # would race a click on a panel's toggle.
    context.add_init_script("localStorage.removeItem('wagtail:side-panel-open')")
    page = context.new_page()
    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(username)  # the demo accounts' password is the username
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(base + "/admin/")
    return Editor(page)


def choose(page, button, item):
    page.get_by_role("button", name=button).click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name=button)).to_be_visible()
    dialog.get_by_role("link", name=item).click()
    expect(dialog).to_be_hidden()


def write_story(editor, title, paragraph, author, category):
    """From the admin's menu: Pages → News → Add child page, then the story's fields."""
    page = editor.page
    page.get_by_role("button", name="Pages").click()
    menu = page.get_by_role("navigation", name="Main menu")
    menu.get_by_role("link", name="News", exact=True).click()
    expect(page.get_by_role("heading", name="News", level=1)).to_be_visible()
    page.get_by_role("link", name="Add child page").first.click()
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_contain_text("New: News article")
    page.get_by_role("textbox", name="Title*").fill(title)
    page.get_by_role("textbox", name="Summary").fill(paragraph)
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    page.get_by_role("textbox").filter(has=page.locator("[data-contents]")).first.click()
    page.keyboard.type(paragraph)
    # "Written by" opens the author chooser at once, for one author or several.
    page.get_by_role("button", name="Add author").click()
    authors = page.get_by_role("dialog")
    authors.get_by_role("checkbox", name=author).click()
    authors.get_by_role("button", name="Confirm selection").click()
    expect(authors).to_be_hidden()
    choose(page, "Choose category", category)
    editor.settle()
    # Autosave has made the draft: the editor is now the story's edit view.
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"), timeout=30_000)


def story_slug(editor):
    """The slug the admin made from the title (Promote tab): the story's address."""
    page = editor.page
    page.get_by_role("tab", name="Promote").click()
    slug = page.get_by_role("textbox", name="Slug").input_value()
    page.get_by_role("tab", name="Content").click()
    return slug


def publish(editor, title):
    page = editor.page
    page.get_by_role("button", name="More actions").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_role("status").filter(has_text=f"Page '{title}'")).to_contain_text(
        "has been published"
    )


def set_go_live(editor, go_live):
    """Status side panel → Set schedule → go-live time → Save schedule."""
    page = editor.page
    page.get_by_role("button", name="Toggle status").click()
    panel = page.get_by_role("complementary", name="Status")
    panel.get_by_role("button", name="Set schedule").click()
    dialog = page.get_by_role("dialog", name="Set publishing schedule")
    field = dialog.get_by_label("Go live date/time")
    field.fill(go_live.strftime("%Y-%m-%d %H:%M"))
    # The date picker opens above the field as it takes focus; "Save schedule" is clicked with
    # it still open, as a person would.
    expect(dialog.locator(".xdsoft_datetimepicker").locator("visible=true")).to_have_count(1)
    expect(field).to_have_value(go_live.strftime("%Y-%m-%d %H:%M"))
    editor.settle()
    with page.expect_navigation():
        dialog.get_by_role("button", name="Save schedule").click()
    editor.settle()


def schedule(editor, title):
    """Publish a story whose go-live time is ahead: it is scheduled for that time."""
    page = editor.page
    page.get_by_role("button", name="More actions").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Schedule to publish").click()
    expect(page.get_by_role("status").filter(has_text=f"Page '{title}'")).to_contain_text(
        "scheduled for publishing"
    )


# --- the clone and `make run` ----------------------------------------------------------------


def newcomer_environment():
    """The user's environment without what only someone who knows the project would have set.

    A newcomer has set none of the variables the settings read (all listed in .env.example:
    DJANGO_SETTINGS_MODULE, DATABASE_URL, REDIS_URL, ...), so `make run` gets its defaults: the
    development settings, SQLite, the shared file cache. Nor do they run it from inside another
    make (`make test`'s MAKEFLAGS and MAKELEVEL) or with the test run's own Django switches.
    PATH, HOME, pip's configuration and the like stay: they are the machine's.
    """
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    not_a_newcomers = documented | {
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "MAKEFLAGS",
        "MFLAGS",
        "MAKELEVEL",
        "MAKEOVERRIDES",
    }
    return {name: value for name, value in os.environ.items() if name not in not_a_newcomers}


# `make run` is a tree of processes (make, its shell, the scheduler, runserver and its reloader),
# and a signal to make alone stops none of the others. They get a process group of their own,
# led by a shell that stops the whole group when it is told to stop, which the kernel does if
# this test process dies (stop_with_parent).
GROUP_LEADER = 'trap "trap - TERM; kill 0" TERM; "$@" & wait $!'


def group_members(pgid):
    """Processes still running in the group (zombies waiting for their parent do not count)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with suppress(OSError):
            state, _ppid, group = stat.read_text().rsplit(")", 1)[1].split()[:3]
            if int(group) == pgid and state != "Z":
                members.append(stat.parent.name)
    return members


def stop_group(leader, timeout=30):
    with suppress(ProcessLookupError):
        os.killpg(leader.pid, signal.SIGTERM)
    leader.wait(timeout=timeout)
    deadline = time.monotonic() + timeout
    while group_members(leader.pid):
        if time.monotonic() > deadline:
            with suppress(ProcessLookupError):
                os.killpg(leader.pid, signal.SIGKILL)
            break
        time.sleep(0.1)


def listening_group(port):
    """The process group of whatever listens on 127.0.0.1:``port`` (IPv4), or None."""
    sockets = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local_port, state, inode = int(fields[1].split(":")[1], 16), fields[3], fields[9]
        if local_port == port and state == "0A":  # LISTEN
            sockets.add(f"socket:[{inode}]")
    for fd in Path("/proc").glob("[0-9]*/fd/*") if sockets else ():
        with suppress(OSError):
            if os.readlink(fd) in sockets:
                return os.getpgid(int(fd.parts[2]))
    return None


class PortTaken(Exception):
    pass


def start_make_run(clone, port, log):
    """`make run PORT=port` in the clone, once its own runserver listens on the port.

    The port was free when chosen, but the install takes a minute, and a server another test
    run starts meanwhile may take it: then runserver stops with "That port is already in use"
    (PortTaken), and it is not that other server the test must read.
    """
    offset = Path(log.name).stat().st_size  # this attempt's output starts here
    leader = subprocess.Popen(  # noqa: S603 - the README's own command
        ["sh", "-c", GROUP_LEADER, "sh", "make", "run", f"PORT={port}"],  # noqa: S607
        cwd=clone,
        env=newcomer_environment(),
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=stop_with_parent,
    )
    deadline = time.monotonic() + READY_TIMEOUT
    try:
        while True:
            output = Path(log.name).read_bytes()[offset:].decode(errors="replace")
            if leader.poll() is not None:
                if "That port is already in use" in output:
                    raise PortTaken(port)
                raise RuntimeError(f"make run stopped with {leader.returncode}:\n{output[-5000:]}")
            if "Quit the server with" in output and listening_group(port) == leader.pid:
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"make run did not serve in {READY_TIMEOUT} s:\n{output}")
            time.sleep(0.5)
        wait_until_up(f"http://127.0.0.1:{port}/robots.txt", leader)
    except BaseException:
        stop_group(leader)
        raise
    return leader


@dataclass
class Newcomer:
    base: str
    log_path: Path

    def log_tail(self, lines=40):
        """The end of make run's output without the requests and background tasks it logs:
        what the scheduler did, and any error."""
        noise = ('] "', "Not Found:", "django_tasks")
        text = self.log_path.read_text(errors="replace")
        kept = [line for line in text.splitlines() if not any(n in line for n in noise)]
        return "\n".join(kept[-lines:])


@pytest.fixture(scope="module")
def newcomer():
    """`make run PORT=…` on a clean clone of HEAD, shared by every test here."""
    with tempfile.TemporaryDirectory(prefix="newcomer-") as tmp:
        clone = Path(tmp) / "cms"
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"],  # noqa: S607 - git from PATH, as a newcomer has it
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for command in (
            ["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(clone)],
            ["git", "-C", str(clone), "checkout", "--quiet", "--detach", head],
        ):
            subprocess.run(command, check=True, capture_output=True)  # noqa: S603

        log_path = Path(tmp) / "make-run.log"
        with log_path.open("w") as log:
            for _attempt in range(5):
                port = free_port()
                try:
                    leader = start_make_run(clone, port, log)
                    break
                except PortTaken:
                    continue  # as the README says: PORT=… make run, on another port
            else:
                raise RuntimeError("every port make run was given was taken before it started")
            try:
                yield Newcomer(f"http://127.0.0.1:{port}", log_path)
            finally:
                stop_group(leader)


# --- an anonymous reader ---------------------------------------------------------------------


def fetch(url):
    """GET as an anonymous reader: urllib keeps no cookies. Returns status, headers, body."""
    parts = urllib.parse.urlsplit(url)
    url = parts._replace(path=urllib.parse.quote(parts.path)).geturl()  # non-ASCII slugs
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def html_page(url):
    status, _headers, body = fetch(url)
    assert status == 200, f"{url} answered {status}"
    return body


def link(url, body, text=None, rel=None):
    """The address of the first link on the page with this text (or rel), resolved."""
    for anchor in BeautifulSoup(body, "html.parser").find_all("a", href=True):
        label = " ".join(anchor.get_text(" ").split())
        if (text is None or text(label)) and (rel is None or rel in anchor.get("rel", [])):
            return urllib.parse.urljoin(url, anchor["href"])
    return None


def text_only_twin(url, body):
    twin = link(url, body, text=lambda label: label.startswith("Text-only version"))
    assert twin, f"{url} has no link to its text-only version"
    return twin


def pictures(url, body):
    """Every picture a reader's browser or a [View Image] link could load from the page."""
    page = BeautifulSoup(body, "html.parser")
    found = [tag["src"] for tag in page.find_all("img", src=True)]
    for tag in page.find_all(["img", "source"], srcset=True):
        found += [candidate.split()[0] for candidate in tag["srcset"].split(",") if candidate]
    found += [a["href"] for a in page.find_all("a", href=True) if a.get_text() == "[View Image]"]
    return {urllib.parse.urljoin(url, address) for address in found}


@pytest.fixture(scope="module")
def reader_pages(newcomer):
    """Home, /news/ and the IL-2 story, each in both views, reached by following links."""
    base = newcomer.base
    home = base + "/"
    home_body = html_page(home)
    news = link(home, home_body, text=lambda label: label == "News")
    assert news == base + "/news/", f"the home page's News link goes to {news}"
    news_body = html_page(news)

    # /news/ lists the newest first; the 2015 IL-2 story is some pages back.
    story, listing, listing_body = None, news, news_body
    for _ in range(20):
        story = link(listing, listing_body, text=lambda label: "Interleukin-2" in label)
        if story:
            break
        listing = link(listing, listing_body, rel="next")
        assert listing, "the IL-2 story is on no page of /news/"
        listing_body = html_page(listing)
    assert story, "the IL-2 story was not found within 20 pages of /news/"
    story_body = html_page(story)
    assert IL2_ARTICLE["title"] in visible_text(SimpleNamespace(content=story_body))

    pages = {"home": (home, home_body), "news": (news, news_body), "story": (story, story_body)}
    for name, (url, body) in list(pages.items()):
        twin = text_only_twin(url, body)
        pages[f"{name} (text-only)"] = (twin, html_page(twin))
    return pages


def test_a_reader_sees_every_picture_in_both_views(reader_pages):
    broken = []
    for name, (url, body) in reader_pages.items():
        addresses = pictures(url, body)
        assert addresses, f"{name} ({url}) shows no pictures at all"
        for address in sorted(addresses):
            status, headers, content = fetch(address)
            kind = headers.get("Content-Type", "")
            if status != 200 or not kind.startswith("image/") or not content:
                broken.append(f"{name}: {address} answered {status} {kind} ({len(content)} bytes)")
    assert broken == []

    # The story's own picture, as each view offers it.
    story_url, story_body = reader_pages["story"]
    lead = BeautifulSoup(story_body, "html.parser").find("img", alt=IL2_ARTICLE["image"]["alt"])
    assert lead, "the IL-2 story's graphic view does not show its lead image"
    text_url, text_body = reader_pages["story (text-only)"]
    assert BeautifulSoup(text_body, "html.parser").find("img") is None
    assert link(text_url, text_body, text=lambda label: label == "[View Image]")


def test_the_pages_a_reader_meets_are_valid_html(reader_pages):
    assert VNU_JAR.exists(), "make test installs the Nu HTML Checker (npm ci)"
    assert html_errors({name: body for name, (_url, body) in reader_pages.items()}) == []


# --- what readers see after the editor ------------------------------------------------------


def page_shows(title):
    def shows(status, body):
        return status == 200 and title in visible_text(SimpleNamespace(content=body))

    return shows


def feed_shows(title):
    def shows(status, body):
        entries = feedparser.parse(body).entries
        return status == 200 and any(entry.get("title") == title for entry in entries)

    return shows


def sitemap_shows(path):
    def shows(status, body):
        if status != 200:
            return False
        locs = [tag.text or "" for tag in ET.fromstring(body).iter() if tag.tag.endswith("loc")]
        return any(urllib.parse.unquote(loc).endswith(path) for loc in locs)

    return shows


def watch(base, surfaces, until):
    """Poll the surfaces until each shows the story, or until the clock passes ``until``.

    Returns, for each surface never seen, the last answer's status and X-Page-Cache.
    """
    unseen, last = set(surfaces), {}
    while unseen and time.time() < until:
        for path in sorted(unseen):
            status, headers, body = fetch(base + path)
            in_time = time.time() <= until  # an answer that arrives late does not count
            last[path] = f"{status}, X-Page-Cache: {headers.get('X-Page-Cache')}"
            if in_time and surfaces[path](status, body):
                unseen.discard(path)
        time.sleep(POLL_SECONDS)
    return {path: last.get(path, "never asked") for path in sorted(unseen)}


def warm(base, surfaces):
    """A reader has each surface open already, and the site has stored it: what an editor's
    change must replace. (It also keeps the first render after start-up, which makes the feed's
    pictures, out of the time that is measured.)"""
    for path, shows in surfaces.items():
        fetch(base + path)
        status, headers, body = fetch(base + path)
        assert not shows(status, body), f"{path} shows the story before it was published"
        assert headers.get("X-Page-Cache") == "hit", f"{path} was not stored in the page cache"


def shown_before(base, surfaces, until):
    """Ask every surface, round after round, until ``until``: those that showed the story in an
    answer that arrived before it. At least one whole round is asked before ``until``."""
    shown, rounds = set(), 0
    while True:
        for path, shows in surfaces.items():
            status, _headers, body = fetch(base + path)
            if shows(status, body) and time.time() < until:
                shown.add(path)
        rounds += 1
        if time.time() >= until:
            assert rounds > 1, "no whole round of the surfaces was asked before the go-live time"
            return sorted(shown)
        time.sleep(POLL_SECONDS)


def test_a_published_story_reaches_readers_within_5_s(newcomer, new_context):
    title = "Clínica de día: Massey’s infusion center opens Saturday appointments for chemotherapy"
    editor = sign_in(new_context, newcomer.base, "editor")
    write_story(
        editor,
        title,
        "Patients starting chemotherapy can now book Saturday morning chairs.",
        "Dana Whitaker",
        "Clinical news",
    )
    surfaces = {"/news/": page_shows(title), "/": page_shows(title)}
    surfaces["/feeds/rss/"] = feed_shows(title)
    warm(newcomer.base, surfaces)

    publish(editor, title)
    published = time.time()
    missing = watch(newcomer.base, surfaces, until=published + PUBLISHED_WITHIN)
    assert missing == {}, f"not seen within {PUBLISHED_WITHIN} s of publishing: {missing}"


def test_a_scheduled_story_reaches_readers_within_20_s_of_its_time(newcomer, new_context):
    title = "Ngozi Okonkwo-Šimić, Ph.D., joins Massey to lead its new cell therapy program"
    author = "Samuel Ortiz"
    category = "Research"
    editor = sign_in(new_context, newcomer.base, "editor")
    write_story(
        editor,
        title,
        "Dr. Okonkwo-Šimić comes to Richmond from a decade of work on engineered T cells.",
        author,
        category,
    )
    slug = story_slug(editor)
    assert slug, "the admin made no slug from the title"
    # The schedule takes whole minutes: the first one far enough ahead for the steps left.
    soon = datetime.now(SITE_TIME_ZONE) + timedelta(seconds=25)
    go_live = soon.replace(second=0, microsecond=0) + timedelta(minutes=1)
    set_go_live(editor, go_live)
    schedule(editor, title)
    assert time.time() < go_live.timestamp(), "the admin steps ran past the go-live time"

    story = f"/news/{slug}/"
    category_slug = next(c["slug"] for c in CATEGORIES if c["name"] == category)
    author_slug = next(a["slug"] for a in AUTHORS if a["name"] == author)
    surfaces = {
        story: page_shows(title),
        "/news/": page_shows(title),
        "/": page_shows(title),
        f"/news/category/{category_slug}/": page_shows(title),
        f"/news/author/{author_slug}/": page_shows(title),
        f"/news/{go_live:%Y/%m}/": page_shows(title),
        "/feeds/rss/": feed_shows(title),
        "/feeds/atom/": feed_shows(title),
        "/sitemap.xml": sitemap_shows(story),
    }

    early = shown_before(newcomer.base, surfaces, until=go_live.timestamp())
    assert early == [], f"shown before its go-live time {go_live}: {early}"

    missing = watch(newcomer.base, surfaces, until=go_live.timestamp() + SCHEDULED_WITHIN)
    assert missing == {}, (
        f"not seen within {SCHEDULED_WITHIN} s of its go-live time {go_live}: {missing}\n"
        f"{newcomer.log_tail()}"
    )
