"""The checks behind the quality gate, each returning what it found wrong (empty means pass).

tests/quality/test_gates_can_fail.py feeds each one a broken page, so a gate that passes is
known to be able to fail.
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java") or "java"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"

# WCAG 2.1 level A and AA, the standard US health providers receiving federal funds must meet.
WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LIGHTHOUSE_GATED = ("accessibility", "best-practices", "seo")
LIGHTHOUSE_MINIMUM = 0.95
MIN_TARGET_PX = 24
# Debian's Chromium as root: no sandbox, no background connections, and no way off this
# machine (every address but loopback goes to a closed proxy port), so what the gate sees
# never depends on whether a third party such as YouTube answers.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--proxy-server=http://127.0.0.1:9",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def watch_csp(page):
    """Record Content-Security-Policy violations on the pages this browser page loads next."""
    page.add_init_script(
        "window.cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', (event) =>"
        " window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));"
    )


def csp_violations(page):
    return page.evaluate("window.cspViolations")


def axe_violations(page):
    """axe-core's WCAG 2.1 AA violations on the loaded page, one line per rule."""
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA_TAGS}}
    results = Axe().run(page, options=options).response
    return [
        f"{violation['id']}: {violation['help']} "
        f"({', '.join(str(node['target']) for node in violation['nodes'][:3])})"
        for violation in results["violations"]
    ]


# Landmarks, the skip link and headings, read from the DOM the browser built.
STRUCTURE_SCRIPT = """() => {
  const problems = [];
  for (const [selector, role] of [['header', 'banner'], ['main', 'main'],
                                  ['footer', 'contentinfo'], ['nav', 'navigation']]) {
    const found = document.querySelectorAll(`${selector}, [role="${role}"]`).length;
    if (!found) problems.push(`no ${role} landmark`);
  }
  if (document.querySelectorAll('main, [role="main"]').length > 1) {
    problems.push('more than one main landmark');
  }
  const focusable = document.querySelector(
    'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])');
  const target = focusable && focusable.getAttribute('href');
  if (!target || !target.startsWith('#') || !document.getElementById(target.slice(1))) {
    problems.push('the first focusable element is not a skip link to the content');
  }
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')];
  const h1s = headings.filter((h) => h.tagName === 'H1').length;
  if (h1s !== 1) problems.push(`${h1s} h1 elements, expected one`);
  let previous = 0;
  for (const heading of headings) {
    const level = Number(heading.tagName[1]);
    if (level > previous + 1) {
      const text = heading.textContent.trim();
      problems.push(`heading level jumps from h${previous} to h${level}: "${text}"`);
    }
    if (!heading.textContent.trim()) problems.push(`empty h${level}`);
    previous = level;
  }
  return problems;
}"""


def structure_problems(page):
    return page.evaluate(STRUCTURE_SCRIPT)


# What a keyboard can reach, in document order, as the browser lays it out.
FOCUSABLE_SCRIPT = """() => [...document.querySelectorAll(
    'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), '
    + 'select:not([disabled]), textarea:not([disabled]), summary, '
    + '[tabindex]:not([tabindex="-1"])')]
  .filter((el) => {
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none'
      && (el.getClientRects().length > 0 || el.classList.contains('skip-link'));
  })
  .map((el, index) => {
    el.dataset.gateOrder = index;
    const name = (el.textContent || el.title || '').trim().slice(0, 40);
    return `${el.tagName.toLowerCase()} "${name}"`;
  })"""

# The focused element, and whether focus is drawn around it.
FOCUSED_SCRIPT = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadowed = style.boxShadow && style.boxShadow !== 'none';
  const name = (el.textContent || el.title || el.name || '').trim().slice(0, 40);
  return {order: el.dataset.gateOrder ?? null, visible: outlined || shadowed,
          in_frame: el.tagName === 'IFRAME',
          name: `${el.tagName.toLowerCase()} "${name}"`};
}"""


# Tab presses a walk may spend inside embedded frames (a video player's own controls).
MAX_PRESSES_IN_FRAMES = 100
# Focus passing through an embedded frame (another process) arrives a moment after the key
# press; a reading of "nothing" or "the frame itself" counts once it has held this long.
FOCUS_SETTLE_MS = 300
POLL_MS = 50


def focus_now(page):
    """The focused element. Inside an embedded frame it is the frame, visibly focused if the
    frame's own focused control is (the player draws focus where the reader sees it)."""
    focused = page.evaluate(FOCUSED_SCRIPT)
    if focused and focused["in_frame"]:
        frame = page.evaluate_handle("document.activeElement").content_frame()
        focused["control_inside"] = frame.evaluate(FOCUSED_SCRIPT) if frame else None
        focused["visible"] = bool(
            focused["control_inside"] and focused["control_inside"]["visible"]
        )
    return focused


def settled_focus(page):
    focused, held_ms = focus_now(page), 0
    while held_ms < FOCUS_SETTLE_MS:
        if focused and (not focused["in_frame"] or focused["control_inside"]):
            break
        page.wait_for_timeout(POLL_MS)
        now = focus_now(page)
        held_ms = held_ms + POLL_MS if now == focused else 0
        focused = now
    return focused


def keyboard_walk(page):
    """Tab through the page once; return the focusable elements missed and those drawn without
    a visible focus indicator.

    Presses that move focus among an embedded frame's controls (a video player) are not counted
    against the page's own.
    """
    expected = page.evaluate(FOCUSABLE_SCRIPT)
    reached, invisible = [], []
    presses_on_page = presses_in_frames = 0
    while presses_on_page < len(expected) + 5 and presses_in_frames < MAX_PRESSES_IN_FRAMES:
        page.keyboard.press("Tab")
        focused = settled_focus(page)
        if focused is None:  # past the last control; the next press wraps round to the top
            presses_on_page += 1
            continue
        if focused["in_frame"]:
            presses_in_frames += 1
        else:
            presses_on_page += 1
        if focused["order"] is not None:
            order = int(focused["order"])
            if reached and order <= reached[-1]:
                break  # focus wrapped round to the top
            reached.append(order)
        if not focused["visible"] and focused["name"] not in invisible:
            invisible.append(focused["name"])
    missed = [name for index, name in enumerate(expected) if index not in reached]
    return missed, invisible


def html_errors(documents):
    """Nu HTML Checker errors for {name: html bytes}, as "name: message" lines."""
    with tempfile.TemporaryDirectory() as tmp:
        names = {}
        for number, (name, content) in enumerate(documents.items()):
            path = Path(tmp) / f"page{number}.html"
            path.write_bytes(content)
            names[path.name] = name
        result = subprocess.run(  # noqa: S603 - the checker, on files written here
            [JAVA, "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
            + sorted(str(Path(tmp) / file_name) for file_name in names),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    return [
        f"{names[Path(message['url']).name]}: {message['message']}"
        for message in messages
        if message.get("type") == "error"
    ]


def lighthouse_report(url, categories):
    """Lighthouse's JSON report on the page, run in Debian's Chromium with a fresh profile."""
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(  # noqa: S603 - Lighthouse from node_modules, loopback URL
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                "--output-path=stdout",
                f"--only-categories={','.join(categories)}",
                f"--chrome-flags=--headless {' '.join(CHROMIUM_ARGS)} --user-data-dir={profile}",
            ],
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
        )
    if result.returncode:
        raise RuntimeError(f"Lighthouse failed on {url}: {result.stderr[-2000:]}")
    return json.loads(result.stdout)


def lighthouse_scores(url, categories=LIGHTHOUSE_GATED):
    """Lighthouse's category scores (0 to 1) for the page, and the failing audits' titles."""
    report = lighthouse_report(url, categories)
    scores = {name: report["categories"][name]["score"] for name in categories}
    failing = sorted(
        f"{audit['id']}: {audit['title']}"
        for audit in report["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") == "binary"
    )
    return scores, failing


def lighthouse_shortfalls(scores):
    return {name: score for name, score in scores.items() if score < LIGHTHOUSE_MINIMUM}


def horizontal_overflow(page):
    """How many pixels the page scrolls sideways (0 or less means it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


SMALL_TARGETS_SCRIPT = """(minimum) => [...document.querySelectorAll(
    'a[href], button, input:not([type="hidden"]), select, textarea, summary')]
  .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
  .map((el) => ({el, box: el.getBoundingClientRect()}))
  .filter(({box}) => box.width > 0 && (box.width < minimum || box.height < minimum))
  .map(({el, box}) => {
    const name = (el.textContent || el.value || '').trim().slice(0, 40);
    const size = `${Math.round(box.width)}x${Math.round(box.height)}`;
    return `${el.tagName.toLowerCase()} "${name}" ${size}`;
  })"""


def small_tap_targets(page):
    """Links and controls smaller than 24 by 24 CSS pixels (WCAG 2.2 target size, minimum)."""
    return page.evaluate(SMALL_TARGETS_SCRIPT, MIN_TARGET_PX)


READ_TO_THE_END = """async (step) => {
  for (let y = 0; y <= document.body.scrollHeight; y += step) {
    window.scrollTo(0, y);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}"""


def page_weight(browser, url):
    """Bytes (bodies and headers) and requests the browser spends to show the page on a phone
    to a reader who scrolls through to the end, so that lazily loaded images count too."""
    viewport = {"width": 390, "height": 844}
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    received = []
    page.on(
        "requestfinished",
        lambda request: received.append(
            request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]
        ),
    )
    page.goto(url, wait_until="networkidle")
    page.evaluate(READ_TO_THE_END, viewport["height"] // 2)
    page.wait_for_function("() => [...document.images].every((image) => image.complete)")
    page.wait_for_load_state("networkidle")
    context.close()
    return sum(received), len(received)
