"""Who may delete or replace an image or document, and why not.

Communications staff upload media and look after their own uploads (Wagtail's collection
ownership: "add" without "change"); editors, who hold "change", keep everything. On top of
that, a file readers see now or at a scheduled go-live (used by a live page, a story scheduled
to go live, the site's settings such as the logo, or a snippet such as an author's photo) is
for editors alone to delete or replace: a careless delete would take it off the site at once.

The rule lives in one permission policy, so every place Wagtail asks "may this person delete
this image?" (the edit page's Delete button, the delete view, bulk delete, the multiple
uploader) gets the same answer; the refusal views below say why in words.

A public collection (PUBLIC_MEDIA_COLLECTIONS, "Site-wide") shows its media to everyone at
once, embargo or not (security.media_visibility), so only editors put media there: staff are not
offered it when they upload or move an item.
"""

from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import get_object_or_404
from django.urls import reverse

from wagtail.admin import messages
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents.views import documents as document_views
from wagtail.images.views import images as image_views
from wagtail.models import Collection, Page, ReferenceIndex, Revision
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

from .page_permissions import nouns
from .refusals import refused

EDITORS_ONLY = "so only an editor can delete or replace it"


def _kind(item):
    return item._meta.verbose_name


def _titles(objects, limit=3):
    titles = [f"“{obj}”" for obj in objects[:limit]]
    if len(objects) > limit:
        titles.append(f"{len(objects) - limit} more")
    return ", ".join(titles)


def _pages_phrase(pages, state):
    """ "2 live stories (“A”, “B”)", or "1 page scheduled to go live (“Home”)"."""
    kinds = {nouns(page.specific_class) for page in pages}
    noun = kinds.pop() if len(kinds) == 1 else ("page", "pages")
    noun = noun[0] if len(pages) == 1 else noun[1]
    counted = f"{len(pages)} live {noun}" if state == "live" else f"{len(pages)} {noun} {state}"
    return f"{counted} ({_titles(pages)})"


def _site_wide_uses(item):
    """The site settings fields that point at this item: "the site's logo"."""
    uses = []
    for model in settings_registry:
        for field in model._meta.get_fields():
            target = getattr(field, "related_model", None) if field.many_to_one else None
            points_here = isinstance(target, type) and isinstance(item, target)
            if points_here and model.objects.filter(**{field.name: item}).exists():
                uses.append(f"the site's {field.verbose_name}, shown on every page")
    return uses


def _scheduled_pages(item):
    """Pages with a revision approved to go live later whose content uses this item.

    The reference index records a page's current row, which for a live page is what is live
    now, not what is scheduled; the scheduled revision is read with Wagtail's own reference
    extractor (a private method: tests/test_media_roles.py fails loudly if it changes).
    """
    item_type = ReferenceIndex._get_base_content_type(type(item)).id
    pages = []
    scheduled = Revision.page_revisions.filter(approved_go_live_at__isnull=False)
    for revision in scheduled.order_by("approved_go_live_at"):
        content = revision.as_object()
        if any(
            (to_type, to_id) == (item_type, str(item.pk))
            for to_type, to_id, *_ in ReferenceIndex._extract_references_from_object(content)
        ):
            pages.append(content)
    return pages


def readers_uses(item):
    """Where readers see this image or document now or at a scheduled go-live, in words."""
    references = ReferenceIndex.get_references_to(item)
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = references.filter(base_content_type=page_type).values_list("object_id", flat=True)
    live = Page.objects.filter(pk__in=[int(pk) for pk in page_ids], live=True)
    live = list(live.order_by("path").specific())
    scheduled = [page for page in _scheduled_pages(item) if page.pk not in {p.pk for p in live}]

    uses = _site_wide_uses(item)
    if live:
        uses.append(f"used by {_pages_phrase(live, 'live')}")
    if scheduled:
        uses.append(f"used by {_pages_phrase(scheduled, 'scheduled to go live')}")
    others = references.exclude(base_content_type=page_type).group_by_source_object()
    for source, source_references in others:
        field = source_references[0].describe_source_field().lower()
        uses.append(f"the {field} of the {source._meta.verbose_name} “{source}”")
    return uses


class NewsroomMediaPermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's collection ownership policy, except that only those who may change any item in
    its collection (editors) may delete an item readers see."""

    def keeps_everything(self, user, item):
        # "change" on the item's collection, not ownership: the editors' grant.
        return self.may_change_items_in(user, item.collection)

    def may_change_items_in(self, user, collection):
        """Whether a group of ``user`` may change every item in ``collection`` (a permission on
        it or on a collection above it), read from the permissions Wagtail caches per user."""
        if not (user.is_active and user.is_authenticated):
            return False
        if user.is_superuser:
            return True
        codename = get_permission_codename("change", self.model._meta)
        return any(
            granted.permission.codename == codename
            and (
                granted.collection_id == collection.pk
                or collection.is_descendant_of(granted.collection)
            )
            for granted in self.get_cached_permissions_for_user(user)
        )

    def refusal(self, user, item, action):
        """Why ``user`` may not ``action`` ("change", "delete" or "replace") ``item``, or None."""
        if self.keeps_everything(user, item):
            return None
        if not super().user_has_permission_for_instance(user, "change", item):
            verb = "change or delete" if action == "change" else action
            return f"Only an editor, or the person who uploaded it, can {verb} this {_kind(item)}."
        if action == "change":
            return None
        uses = readers_uses(item)
        if uses:
            return f"This {_kind(item)} is {' and '.join(uses)}, {EDITORS_ONLY}."
        return None

    def collections_user_has_any_permission_for(self, user, actions):
        """Where ``user`` may act. Asked for "add" alone, the question is where they may put an
        item (the upload and edit forms' collection field, bulk "add to collection"): a public
        collection only for those who may change its items."""
        collections = super().collections_user_has_any_permission_for(user, actions)
        if set(actions) != {"add"} or (user.is_active and user.is_superuser):
            return collections
        public = Collection.objects.filter(name__in=settings.PUBLIC_MEDIA_COLLECTIONS)
        closed = [c.pk for c in public if not self.may_change_items_in(user, c)]
        return collections.exclude(pk__in=closed)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        actions = set(actions)
        if "delete" in actions and self.refusal(user, instance, "delete"):
            actions.discard("delete")
            if not actions:
                return False
        return super().user_has_any_permission_for_instance(user, actions, instance)


def refusal_policy(item):
    """The policy that answers for an image or a document."""
    from wagtail.documents import permissions as document_permissions
    from wagtail.images import permissions as image_permissions

    if isinstance(item, image_permissions.permission_policy.model):
        return image_permissions.permission_policy
    return document_permissions.permission_policy


def install_media_permission_policies():
    """Make Wagtail's image and document policies this one.

    Wagtail has no setting for them: each admin view binds the module's policy object when it
    is imported, so the object itself takes this class (tests/test_media_roles.py checks that
    Wagtail's views still hold it).
    """
    from wagtail.documents import permissions as document_permissions
    from wagtail.images import permissions as image_permissions

    for policy in (image_permissions.permission_policy, document_permissions.permission_policy):
        policy.__class__ = NewsroomMediaPermissionPolicy


class RefusalMixin:
    """Refuse, with the reason, before Wagtail's view runs; Wagtail would only say "Sorry, you
    do not have permission to access this area.\""""

    def dispatch(self, request, *args, **kwargs):
        item = get_object_or_404(self.model, pk=kwargs[self.pk_url_kwarg])
        reason = self.permission_policy.refusal(request.user, item, self.refused_action(request))
        if reason:
            return refused(request, reason, self.back_url(item))
        return super().dispatch(request, *args, **kwargs)


class EditMediaMixin(RefusalMixin):
    """Details stay editable; the file is replaced only by those allowed to."""

    def refused_action(self, request):
        return "replace" if request.method == "POST" and request.FILES.get("file") else "change"

    def back_url(self, item):
        return reverse(self.index_url_name)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        reason = self.permission_policy.refusal(self.request.user, self.object, "replace")
        if reason:
            # The file control is not offered; the page says why.
            form.fields.pop("file", None)
            if self.request.method == "GET":
                messages.warning(self.request, reason)
        return form


class DeleteMediaMixin(RefusalMixin):
    def refused_action(self, request):
        return "delete"

    def back_url(self, item):
        return reverse(self.edit_url_name, args=[item.pk])


class ImageEditView(EditMediaMixin, image_views.EditView):
    pass


class ImageDeleteView(DeleteMediaMixin, image_views.DeleteView):
    edit_url_name = "wagtailimages:edit"


class DocumentEditView(EditMediaMixin, document_views.EditView):
    pass


class DocumentDeleteView(DeleteMediaMixin, document_views.DeleteView):
    edit_url_name = "wagtaildocs:edit"
