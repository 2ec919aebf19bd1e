from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.phone import tel_href, validate_phone


class Author(index.Indexed, models.Model):
    name = models.CharField(max_length=100, help_text="Full name as it appears in bylines.")
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text="Used in the address of the author's page of stories.",
    )
    role = models.CharField(
        max_length=150,
        blank=True,
        help_text='Job title, for example "Communications manager".',
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional head-and-shoulders photo.",
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("role"), FieldPanel("photo")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = "author"
        verbose_name_plural = "authors"

    def __str__(self):
        return self.name


class Category(models.Model):
    name = models.CharField(max_length=80, unique=True, help_text='For example "Clinical news".')
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="Used in the address of the category's page of stories.",
    )
    description = models.TextField(
        blank=True,
        help_text="One or two sentences introducing the category on its page.",
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = "category"
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name


class Contact(index.Indexed, models.Model):
    """A person or desk readers can call or write to, reused across articles."""

    name = models.CharField(max_length=100, help_text='Name as readers see it, e.g. "Dr. Phan".')
    role = models.CharField(
        max_length=150,
        blank=True,
        help_text='Optional, for example "Surgical oncologist".',
    )
    phone = models.CharField(
        max_length=40,
        blank=True,
        validators=[validate_phone],
        help_text="For example (804) 828-9325. Becomes a tap-to-call link.",
    )
    email = models.EmailField(blank=True, help_text="Becomes a link that opens an email.")
    hours = models.CharField(
        max_length=150,
        blank=True,
        help_text='Optional, for example "Monday to Friday, 8 a.m. to 5 p.m."',
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("hours"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = "contact"
        verbose_name_plural = "contacts"

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name

    @property
    def tel_href(self):
        return tel_href(self.phone)

    def clean(self):
        if not (self.phone or self.email):
            raise ValidationError("Give a phone number, an email address or both.")
