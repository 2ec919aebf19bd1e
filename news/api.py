"""The read-only headless API (Wagtail API v2) at /api/v2/, for partner sites and apps."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from rest_framework.fields import Field

from editorial.pages import exclude_expired


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Pages anyone may read: live, public and not past expiry, whoever is signed in."""

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
api_router.register_endpoint("images", ImagesAPIViewSet)
