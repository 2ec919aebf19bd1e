"""Which images and documents readers may see: media is under embargo until a page uses it.

An image or document is *public* when

- a page readers can see uses it: live, not past its expiry, not private, inside a site's tree;
- the site settings use it (the logo, on every page); or
- it is kept in a public collection, one named in ``PUBLIC_MEDIA_COLLECTIONS`` ("Site-wide"),
  for media that belongs to the whole site rather than to one story.

"Uses" is read from Wagtail's reference index. It records what each page's saved row refers to,
which is the live content once a page is published (saving a revision leaves the row alone),
and the draft itself while a page has never been published. So an image that a live story's
new draft adds stays under embargo until that draft is published; an image only a draft uses is
public only through a collection.

Staff signed in to the admin see everything, for previews. A reader a private story admits (the
password given, signed in, in the group) gets that story's media too.

Each check is a fixed number of queries however many pages and images there are.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, IntegerField, OuterRef, Q
from django.db.models.functions import Cast
from django.http import Http404
from django.views.static import serve

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Site

from core import visibility
from core.models import SiteSettings


def site_pages():
    """Pages inside a site's tree."""
    roots = Q()
    for path in Site.objects.values_list("root_page__path", flat=True):
        roots |= Q(path__startswith=path)
    if not roots:
        return Page.objects.none()
    return Page.objects.filter(roots)


def page_references_to(model):
    """Reference index rows from pages to objects of ``model``."""
    return ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(model),
    )


def public_q(model):
    """The condition for an image or document (of ``model``) to be public."""
    used = page_references_to(model).filter(
        object_id__in=visibility.visible_to_readers(site_pages()).values(
            id_text=Cast("pk", CharField())
        ),
        to_object_id=Cast(OuterRef("pk"), CharField()),
    )
    condition = Q(Exists(used)) | Q(collection__name__in=settings.PUBLIC_MEDIA_COLLECTIONS)
    if issubclass(model, get_image_model()):
        condition |= Q(Exists(SiteSettings.objects.filter(logo=OuterRef("pk"))))
    return condition


def public_images():
    image_model = get_image_model()
    return image_model.objects.filter(public_q(image_model))


def sees_everything(request):
    """Staff signed in to the admin: previews and the admin show media before it is live."""
    user = request.user
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def admitted_by_a_private_page(request, media):
    """Whether a live, private page that uses ``media`` admits this reader."""
    uses = page_references_to(type(media)).filter(to_object_id=str(media.pk))
    pages = (
        visibility.published(site_pages())
        .filter(visibility.in_private_section())
        .filter(pk__in=uses.values(page_id=Cast("object_id", IntegerField())))
    )
    return any(
        all(restriction.accept_request(request) for restriction in page.get_view_restrictions())
        for page in pages
    )


def readable_by(request, media):
    """Whether this request may have the image or document ``media``."""
    model = type(media)
    if model.objects.filter(public_q(model), pk=media.pk).exists():
        return True
    return sees_everything(request) or admitted_by_a_private_page(request, media)


def media_owner(name):
    """The image (for an original or a rendition) or document stored under ``name``, if any."""
    image_model = get_image_model()
    rendition_of = image_model.get_rendition_model().objects.filter(file=name).values("image_id")
    image = image_model.objects.filter(Q(file=name) | Q(pk__in=rendition_of)).first()
    if image is not None:
        return image
    return get_document_model().objects.filter(file=name).first()


def before_serve_document(document, request):
    """A document under embargo is not there, to readers, until a page that uses it is live."""
    if not readable_by(request, document):
        raise Http404("No document here.")


def serve_media(request, path):
    """Uploaded files, as the site serves them itself (SERVE_MEDIA): embargoed images' files and
    documents are a 404 to readers. In production the files come from object storage instead,
    which checks nothing (docs/reliability.md)."""
    owner = media_owner(path)
    if owner is not None and not readable_by(request, owner):
        raise Http404("No file here.")
    # MEDIA_ROOT read per request: tests point it at a folder of their own.
    return serve(request, path, document_root=settings.MEDIA_ROOT)
