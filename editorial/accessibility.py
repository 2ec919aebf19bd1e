"""The content checker editors see in the user bar and preview panel runs the tests' rules."""

from wagtail.admin.userbar import ContentCheckerItem

# WCAG 2.1 level A and AA: the rules tests/quality enforces on every page.
WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class WcagContentCheckerItem(ContentCheckerItem):
    axe_run_only = WCAG_21_AA_TAGS
    # Wagtail's own extra rules (alt text that looks like a file name, an empty meta
    # description) would run on top of any rule set; they stay off so an editor is shown
    # exactly what the tests would fail a page for.
    axe_custom_rules = [{**rule, "enabled": False} for rule in ContentCheckerItem.axe_custom_rules]


def use_wcag_checker(items):
    for position, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, WcagContentCheckerItem):
            items[position] = WcagContentCheckerItem()
