"""Make a fragment of the site's HTML stand on its own elsewhere (feeds, the API)."""

import re

ATTRIBUTE = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*)"')
SRCSET = re.compile(r'(\ssrcset=")([^"]*)"')


def absolutize(html, base_url):
    """Prefix root-relative href, src and srcset addresses with ``base_url`` (no trailing /)."""
    html = ATTRIBUTE.sub(lambda m: f'{m.group(1)}{base_url}{m.group(2)}"', html)

    def srcset(match):
        candidates = []
        for candidate in match.group(2).split(","):
            candidate = candidate.strip()
            if candidate.startswith("/") and not candidate.startswith("//"):
                candidate = base_url + candidate
            candidates.append(candidate)
        return f'{match.group(1)}{", ".join(candidates)}"'

    return SRCSET.sub(srcset, html)
