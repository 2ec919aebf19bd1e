"""Content that appears on every page: the alert banner and the site settings."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Value, When
from django.template.response import TemplateResponse

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel, PublishingPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)

from . import fragments, visibility
from .text_mode import text_only_mode


class AlertBannerQuerySet(models.QuerySet):
    def current(self, now=None):
        """Banners readers see now, most severe first: published, and not past their expiry
        time (hidden the moment they expire, as stories are, before the scheduler takes them
        down)."""
        return visibility.not_expired(self.live(), now).by_severity()

    def live(self):
        return self.filter(live=True)

    def by_severity(self):
        return (
            self.select_related("link_page")
            .annotate(
                severity_rank=Case(
                    *(
                        When(severity=severity, then=Value(rank))
                        for severity, rank in AlertBanner.SEVERITY_RANK.items()
                    ),
                    default=Value(0),
                )
            )
            .order_by("-severity_rank", "pk")
        )


class AlertBanner(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    models.Model,
):
    """A notice at the top of every page in both views.

    Written, reviewed, scheduled and published as pages are: drafts and revisions, the
    editorial review workflow (core.migrations give it to banners), locking, and go-live and
    expiry times that the scheduler (editorial.scheduling) carries out.
    """

    class Severity(models.TextChoices):
        INFO = "info", "Information"
        WARNING = "warning", "Warning"
        URGENT = "urgent", "Urgent"

    # Most severe first, wherever banners are listed for readers.
    SEVERITY_RANK = {Severity.URGENT: 2, Severity.WARNING: 1, Severity.INFO: 0}

    title = models.CharField(
        max_length=60,
        help_text='A short label shown in bold before the message, for example "COVID-19".',
    )
    message = models.CharField(
        max_length=300,
        help_text="One or two sentences. Shown at the top of every page in both views.",
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A page on this site with more information. Leave empty to use a web address.",
    )
    link_url = models.URLField(
        blank=True,
        help_text="A web address elsewhere, used when no page is chosen.",
    )
    link_text = models.CharField(
        max_length=100,
        blank=True,
        help_text='The words of the link, for example "vcu.edu/coronavirus". Needed with a link.',
    )
    severity = models.CharField(
        max_length=10,
        choices=Severity.choices,
        default=Severity.INFO,
        help_text="Sets the banner's colour. Use Urgent only for safety-critical notices.",
    )

    # Revisions and workflow states point at the banner generically; these relations delete
    # them with it.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="alert_banner")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="alert_banner",
        for_concrete_model=False,
    )

    objects = AlertBannerQuerySet.as_manager()

    # Edited with the newsroom's schedule form (editorial.wagtail_hooks.AlertBannerViewSet).
    panels = [
        FieldPanel("title"),
        FieldPanel("message"),
        MultiFieldPanel(
            [PageChooserPanel("link_page"), FieldPanel("link_url"), FieldPanel("link_text")],
            heading="Link",
        ),
        FieldPanel("severity"),
        # Go-live and expiry times, set in the "Set schedule" dialog of the status panel.
        PublishingPanel(),
    ]

    class Meta:
        verbose_name = "alert banner"
        verbose_name_plural = "alert banners"

    def __str__(self):
        return f"{self.title}: {self.message}"

    @property
    def revisions(self):
        return self._revisions

    @property
    def link_href(self):
        if self.link_page_id:
            return self.link_page.url
        return self.link_url

    def clean(self):
        super().clean()
        errors = {}
        if self.go_live_at and self.expire_at and self.expire_at <= self.go_live_at:
            errors["expire_at"] = "The expiry time must be after the go-live time."
        if self.link_page_id and self.link_url:
            errors["link_url"] = "Choose a page or enter a web address, not both."
        if (self.link_page_id or self.link_url) and not self.link_text:
            errors["link_text"] = "Give the link some words for readers to follow."
        if self.link_text and not (self.link_page_id or self.link_url):
            errors["link_text"] = "Link text needs a page or a web address to link to."
        if errors:
            raise ValidationError(errors)

    # Preview: the banner in place at the top of a page, in either view.

    preview_modes = [("graphic", "Graphic view"), ("text", "Text-only view")]

    def serve_preview(self, request, mode_name):
        response = TemplateResponse(
            request, "core/alert_banner_preview.html", {"preview_banner": self}
        )
        if mode_name != "text":
            return response.render()
        with text_only_mode():
            return response.render()  # inside the mode, not lazily after it


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        max_length=120,
        default="Cancer Center",
        help_text="Shown in the header of every page and in page titles.",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown beside the organisation name in the graphic view. Square works best.",
    )
    address = models.TextField(
        blank=True,
        help_text="Postal address for the footer. One line per line of the address.",
    )
    phone = models.CharField(
        max_length=40,
        blank=True,
        help_text="Main switchboard number for the footer, for example (804) 828-0450.",
    )
    facebook_url = models.URLField(blank=True, help_text="Full address of the Facebook page.")
    x_url = models.URLField(blank=True, verbose_name="X URL", help_text="Full address on X.")
    instagram_url = models.URLField(blank=True, help_text="Full address on Instagram.")
    linkedin_url = models.URLField(
        blank=True, verbose_name="LinkedIn URL", help_text="Full address on LinkedIn."
    )
    youtube_url = models.URLField(
        blank=True, verbose_name="YouTube URL", help_text="Full address of the YouTube channel."
    )
    footer_text = models.TextField(
        blank=True,
        help_text="A sentence or two for the bottom of every page, such as a mission statement.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("organisation_name"), FieldPanel("logo")], heading="Identity"),
        MultiFieldPanel([FieldPanel("address"), FieldPanel("phone")], heading="Contact"),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("x_url"),
                FieldPanel("instagram_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("youtube_url"),
            ],
            heading="Social media",
        ),
        FieldPanel("footer_text"),
    ]

    select_related = ["logo"]

    class Meta:
        verbose_name = "site settings"

    @classmethod
    def for_site(cls, site):
        """Every page reads these: kept in the cache until they, or the logo, change."""
        if site is None:
            return super().for_site(site)
        return fragments.cached(
            fragments.SETTINGS, site.pk, lambda: super(SiteSettings, cls).for_site(site)
        )

    @property
    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("X", self.x_url),
            ("Instagram", self.instagram_url),
            ("LinkedIn", self.linkedin_url),
            ("YouTube", self.youtube_url),
        ]
        return [(name, url) for name, url in links if url]


class PendingPurge(models.Model):
    """An address the CDN must drop, recorded when a change commits and sent by the scheduler
    (caching.cdn), so that no editor waits for the CDN and a CDN outage loses nothing.

    One row per address however often it changes before it is sent; ``token`` is replaced by
    each change, so a purge sent before the latest change is not taken for it.
    """

    address = models.TextField()
    # The address's SHA-256: unique where a long address would be too long to index.
    digest = models.CharField(max_length=64, unique=True)
    token = models.UUIDField()
    recorded_at = models.DateTimeField()
    not_before = models.DateTimeField(db_index=True)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "pending CDN purge"

    def __str__(self):
        return self.address
