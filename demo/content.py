"""Site-wide demo content: the home page, the news index, site settings and the alert banner."""

HOME_PAGE = {
    "title": "Cancer Center News",
    "intro": "<p>News from VCU Massey Cancer Center: new treatments, research findings, and the "
    "people and programs behind them.</p>",
}

NEWS_INDEX = {
    "title": "News",
    "slug": "news",
    "intro": "<p>Stories about care, research and community at VCU Massey Cancer Center, newest "
    "first.</p>",
}

SITE_SETTINGS = {
    # As in the header of the seed article.
    "organisation_name": "VCU Massey Cancer Center",
    "address": "401 College Street\nRichmond, VA 23298",
    "phone": "(804) 828-0450",
    # Demo values: check the real account addresses before going live.
    "facebook_url": "https://www.facebook.com/VCUMasseyCancerCenter",
    "x_url": "https://x.com/VCUMassey",
    "youtube_url": "https://www.youtube.com/@VCUMasseyCancerCenter",
    "footer_text": "VCU Massey Cancer Center works to prevent, treat and cure cancer through "
    "research, patient care and education, for the people of Richmond, Virginia and beyond.",
}

LOGO = {
    "title": "VCU Massey Cancer Center logo",
    "description": "A gold awareness ribbon inside a gold ring on a black square.",
}

ALERT_BANNER = {
    # Worded as in the seed, whose closing quotation mark was a straight one; curly here.
    "title": "COVID-19",
    "message": "For information related to COVID-19 (formerly referred to as “novel "
    "coronavirus”), visit",
    # The seed lost the link's target: this address is a placeholder on the reserved
    # example.org domain. Point it at the real page (or choose a page) before going live.
    "link_url": "https://example.org/coronavirus",
    "link_text": "our COVID-19 information page",
    "severity": "warning",
}

# Only created when settings.DEMO_ACCOUNTS_ENABLED is on (development settings).
# One account for each role, so a newcomer can try the review workflow end to end.
DEMO_ACCOUNTS = [
    {"username": "admin", "role": "superuser", "first_name": "Site", "last_name": "Admin"},
    {"username": "editor", "role": "Editors", "first_name": "Erin", "last_name": "Editor"},
    {
        "username": "writer",
        "role": "Communications staff",
        "first_name": "Sam",
        "last_name": "Writer",
    },
]
