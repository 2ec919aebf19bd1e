"""The read-only headless API (Wagtail API v2) at /api/v2/, for partner sites and apps."""

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from rest_framework.fields import Field

from editorial.pages import exclude_expired

# Far beyond any archive, and well inside the 64-bit integers databases accept for OFFSET.
MAX_OFFSET = 10**9


class BoundedPagination(WagtailPagination):
    """Wagtail's limit/offset paging, refusing offsets the database cannot take (400, not 500)."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
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


class PublicPagesAPIViewSet(RefusesNulCharacters, PagesAPIViewSet):
    """Pages anyone may read: live, public and not past expiry, whoever is signed in."""

    pagination_class = BoundedPagination

    def get_base_queryset(self):
        return exclude_expired(super().get_base_queryset().public())


class AuthorsField(Field):
    def to_representation(self, article):
        return [
            {"name": author.name, "slug": author.slug, "role": author.role}
            for author in article.authors
        ]


class CategoryField(Field):
    def to_representation(self, category):
        return {"name": category.name, "slug": category.slug} if category else None


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)


class PublicImagesAPIViewSet(RefusesNulCharacters, ImagesAPIViewSet):
    pagination_class = BoundedPagination


api_router.register_endpoint("images", PublicImagesAPIViewSet)
