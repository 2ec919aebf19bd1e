"""Content that appears on every page: the alert banner and the site settings."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from . import fragments


class AlertBannerQuerySet(models.QuerySet):
    def current(self, now=None):
        """Active banners whose time window includes ``now``, most severe first."""
        now = now or timezone.now()
        return (
            self.active()
            .filter(Q(starts_at__isnull=True) | Q(starts_at__lte=now))
            .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
        )

    def active(self):
        """Banners switched on, whatever their time window, most severe first."""
        return (
            self.filter(is_active=True)
            .select_related("link_page")
            .annotate(
                severity_rank=Case(
                    When(severity=AlertBanner.Severity.URGENT, then=Value(2)),
                    When(severity=AlertBanner.Severity.WARNING, then=Value(1)),
                    default=Value(0),
                )
            )
            .order_by("-severity_rank", "pk")
        )


class AlertBanner(models.Model):
    class Severity(models.TextChoices):
        INFO = "info", "Information"
        WARNING = "warning", "Warning"
        URGENT = "urgent", "Urgent"

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
    is_active = models.BooleanField(
        default=True,
        help_text="Untick to hide the banner everywhere, whatever its times.",
    )
    starts_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Optional. The banner appears from this time. Empty means straight away.",
    )
    ends_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Optional. The banner disappears at this time. Empty means until it is unticked.",
    )

    objects = AlertBannerQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("message"),
        MultiFieldPanel(
            [PageChooserPanel("link_page"), FieldPanel("link_url"), FieldPanel("link_text")],
            heading="Link",
        ),
        FieldPanel("severity"),
        FieldPanel("is_active"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading="Time window"),
    ]

    class Meta:
        verbose_name = "alert banner"
        verbose_name_plural = "alert banners"

    def __str__(self):
        return f"{self.title}: {self.message}"

    def in_window(self, now):
        """Whether ``now`` falls inside the banner's optional start and end times."""
        return (self.starts_at is None or self.starts_at <= now) and (
            self.ends_at is None or self.ends_at > now
        )

    @property
    def link_href(self):
        if self.link_page_id:
            return self.link_page.url
        return self.link_url

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The end time must be after the start time."
        if self.link_page_id and self.link_url:
            errors["link_url"] = "Choose a page or enter a web address, not both."
        if (self.link_page_id or self.link_url) and not self.link_text:
            errors["link_text"] = "Give the link some words for readers to follow."
        if self.link_text and not (self.link_page_id or self.link_url):
            errors["link_text"] = "Link text needs a page or a web address to link to."
        if errors:
            raise ValidationError(errors)


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
    (core.cdn), so that no editor waits for the CDN and a CDN outage loses nothing.

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
