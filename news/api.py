"""The read-only headless API (Wagtail API v2) at /api/v2/, for partner sites and apps."""

import re
from types import SimpleNamespace

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connection
from django.db.models import IntegerField
from django.http import Http404

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import (
    PageAliasOfField,
    PageHtmlUrlField,
    PageParentField,
    PageSerializer,
    TagsField,
    get_serializer_class,
)
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.images.models import SourceImageIOError
from wagtail.models import Site

from rest_framework.fields import Field

from core import public_url, visibility
from security import media_visibility

# Far beyond any archive, and well inside the 64-bit integers databases accept for OFFSET.
MAX_OFFSET = 10**9
# Digits as a database reads them: ASCII only ("²" is a digit to str.isdigit(), not to int()),
# and few enough for int() to take (Python refuses strings of more than 4,300 digits).
WHOLE_NUMBER = re.compile(r"-?[0-9]{1,30}")


def whole_number(value):
    """``value`` as an int when it is written as one, or None; a number too long to be any id
    or offset is read as a very large one."""
    value = value.strip()
    if WHOLE_NUMBER.fullmatch(value):
        return int(value)
    if re.fullmatch(r"-?[0-9]+", value):
        return -(10**30) if value.startswith("-") else 10**30
    return None


class BoundedPagination(WagtailPagination):
    """Wagtail's limit/offset paging, refusing offsets the database cannot take (400, not 500)."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = whole_number(request.GET.get("offset", "0"))
        if offset is not None and offset > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class RefusesNulCharacters:
    """A 400 for a NUL character in a parameter: PostgreSQL refuses NUL in text, so a lookup
    that passed it on (the find view's html_path, say) would be a server error."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                raise BadRequestError("query parameters cannot contain NUL characters")


SEARCH_OPERATORS = ("and", "or")


class WordsSearchFilter(SearchFilter):
    """Wagtail's ?search=, given only the words of the query, as the site's own search is:
    SQLite's full-text search fails on a lone quote, and on a query of spaces alone. A query
    with no words in it matches nothing."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        # Imported here: news.search imports the models, which import this module.
        from .search import MAX_QUERY_LENGTH, search_terms

        terms = search_terms(request.GET["search"][:MAX_QUERY_LENGTH])
        if not terms:
            return queryset.none()
        # SearchFilter reads nothing of the request but its query parameters.
        parameters = request.GET.copy()
        parameters["search"] = terms
        return super().filter_queryset(SimpleNamespace(GET=parameters), queryset, view)


def with_words_search(backends):
    return [WordsSearchFilter if backend is SearchFilter else backend for backend in backends]


class ExplainsBadParameters:
    """A 400 that names the problem for each parameter Wagtail would let through to a 500:
    a search operator it does not know, a filter value its field cannot hold (a date that is
    not one), a site or locale that does not exist, an id to find that is not a number."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        _host, colon, port = request.GET.get("site", "").partition(":")
        if colon and not re.fullmatch(r"[0-9]{1,30}", port):
            raise BadRequestError("site must be a host name, or a host name and a port number")

    def filter_queryset(self, queryset):
        refuse_out_of_range_ids(self.request, queryset.model)
        try:
            return super().filter_queryset(queryset)
        except ValidationError as error:
            raise BadRequestError(f"field filter error. {' '.join(error.messages)}") from error
        except Http404 as error:
            if "locale" not in self.request.GET:
                raise
            raise BadRequestError("locale doesn't exist") from error

    def find_object(self, queryset, request):
        number = whole_number(request.GET["id"]) if "id" in request.GET else 0
        if number is None or number < 0:
            raise BadRequestError("id must be a positive integer")
        _low, high = connection.ops.integer_field_range(queryset.model._meta.pk.get_internal_type())
        if number > high:
            raise BadRequestError(f"id cannot be higher than {high}")
        return super().find_object(queryset, request)


def refuse_out_of_range_ids(request, model):
    """A 400 for a filter on a related object's id (?alias_of=, ?category=) that no database
    integer can hold: Django passes those to the database unchecked, and SQLite and
    PostgreSQL fail on them. Other integer fields Django checks itself (no match)."""
    for name, value in request.GET.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not (field.many_to_one and isinstance(field.target_field, IntegerField)):
            continue
        low, high = connection.ops.integer_field_range(field.target_field.get_internal_type())
        number = whole_number(value)
        if number is not None and not low <= number <= high:
            raise BadRequestError(f"{name} must be a number no larger than {high}")


class PublicHtmlUrlField(PageHtmlUrlField):
    """html_url on the site's public address (core.public_url), for every page: listings
    without ?type= hold plain Page objects, which do not know the site's page types' address."""

    def to_representation(self, page):
        request = self.context.get("request")
        parts = public_url.on_public_address(page.get_url_parts(request), request)
        if parts is None or parts[2] is None:
            return None
        return parts[1] + parts[2]


def nested_page(page, context):
    """A parent or alias as Wagtail nests it, with this API's html_url."""
    serializer_class = get_serializer_class(
        page.__class__,
        ["id", "type", "detail_url", "html_url", "title"],
        meta_fields=["type", "detail_url", "html_url"],
        base=PublicPageSerializer,
    )
    return serializer_class(context=context).to_representation(page)


class PublicParentField(PageParentField):
    def to_representation(self, value):
        return nested_page(value, self.context)


class PublicAliasOfField(PageAliasOfField):
    def to_representation(self, value):
        return nested_page(value, self.context)


class PublicPageSerializer(PageSerializer):
    html_url = PublicHtmlUrlField(read_only=True)
    parent = PublicParentField(read_only=True)
    alias_of = PublicAliasOfField(read_only=True)


class PublicPagesAPIViewSet(ExplainsBadParameters, RefusesNulCharacters, PagesAPIViewSet):
    """Pages anyone may read: live, public and not past expiry, whoever is signed in."""

    pagination_class = BoundedPagination
    base_serializer_class = PublicPageSerializer
    filter_backends = with_words_search(PagesAPIViewSet.filter_backends)

    def get_base_queryset(self):
        try:
            pages = super().get_base_queryset()
        except Site.DoesNotExist as error:  # ?site= names no site
            raise BadRequestError("site doesn't exist") from error
        return visibility.visible_to_readers(pages)

    def get_queryset(self):
        queryset = super().get_queryset()
        if "search" not in self.request.GET:
            return queryset
        # Search filters only on indexed fields, and expiry is not one: it gets the readable
        # pages as a list of ids instead, as Wagtail already does for a single ?type=.
        return queryset.model.objects.filter(pk__in=queryset.values("pk"))


class AuthorsField(Field):
    def to_representation(self, article):
        return [
            {"name": author.name, "slug": author.slug, "role": author.role}
            for author in article.authors
        ]


class CategoryField(Field):
    def to_representation(self, category):
        return {"name": category.name, "slug": category.slug} if category else None


class LeadImageRenditionField(Field):
    """A story's lead image at one size, described as the story describes it: ``alt`` is the
    story's alt text (empty when the image is decorative), not the image's title, and
    ``full_url`` is on the site's public address (core.public_url)."""

    def __init__(self, filter_spec, **kwargs):
        self.filter_spec = filter_spec
        super().__init__(source="*", **kwargs)

    def to_representation(self, article):
        if article.lead_image is None:
            return None
        try:
            rendition = article.lead_image.get_rendition(self.filter_spec)
        except SourceImageIOError:  # the file is missing from storage, as Wagtail reports it
            return {"error": "SourceImageIOError"}
        return {
            "url": rendition.url,
            "full_url": public_url.absolute(rendition.url, self.context.get("request")),
            "width": rendition.width,
            "height": rendition.height,
            "alt": article.lead_image_alt_text,
        }


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)


class PrefetchedTagsField(TagsField):
    """Tags from the list fetched with the images: one query for a page of them, not one each."""

    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


class PublicImageSerializer(ImageSerializer):
    def build_property_field(self, field_name, model_class):
        if field_name == "tags":
            return PrefetchedTagsField, {}
        return super().build_property_field(field_name, model_class)


class ListsPublicImagesOnly:
    """Images under embargo are not listed, nor found by id, whoever asks: only those a
    readable page uses, the logo, and a public collection's (security.media_visibility)."""

    base_serializer_class = PublicImageSerializer

    def get_queryset(self):
        images = super().get_queryset()
        # As a list of ids: search filters only on indexed fields.
        public = images.filter(pk__in=media_visibility.public_images().values("pk"))
        return public.prefetch_related("tags")


class PublicImagesAPIViewSet(
    ListsPublicImagesOnly, ExplainsBadParameters, RefusesNulCharacters, ImagesAPIViewSet
):
    pagination_class = BoundedPagination
    filter_backends = with_words_search(ImagesAPIViewSet.filter_backends)


api_router.register_endpoint("images", PublicImagesAPIViewSet)
