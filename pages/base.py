"""What every public page needs, in one abstract base page.

A new page type subclasses ``PublicPage`` and gets, without listing mixins from three apps:

- ``ViewRestrictionMixin`` (core.routing): skips the view-restriction query when routing already
  knows none applies. A page that holds children of one type adds ``ChildRouteMixin`` itself, with
  its ``route_children()``, to route to a child in one query.
- ``TwinViewPageMixin`` (textonly.pages): editors preview a draft in the graphic and the
  text-only view.
- ``ExpiryMixin`` (core.visibility): a page past its expiry time is gone at once, before the
  scheduler takes it down.
- ``SeoMixin`` (seo.metadata): title, description, canonical URL and structured data for search
  engines and link previews.
- ``NewsroomPagePermissionsMixin`` (editorial.page_permissions): communications staff delete only
  their own drafts that no editor holds.
- ``base_form_class = SchedulePageForm`` (editorial.forms): the go-live and expiry fields with
  their checks. A page type with its own form subclasses SchedulePageForm.

Every concrete subclass is a public page type: pages.surfaces finds it and the test registry
(tests/surfaces.py) renders it in both views, embargoed, and with hostile input.
"""

from wagtail.models import Page

from core.routing import ViewRestrictionMixin
from core.visibility import ExpiryMixin
from editorial.forms import SchedulePageForm
from editorial.page_permissions import NewsroomPagePermissionsMixin
from seo.metadata import SeoMixin
from textonly.pages import TwinViewPageMixin


class PublicPage(
    NewsroomPagePermissionsMixin,
    ViewRestrictionMixin,
    TwinViewPageMixin,
    ExpiryMixin,
    SeoMixin,
    Page,
):
    base_form_class = SchedulePageForm

    class Meta:
        abstract = True
