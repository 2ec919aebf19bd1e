"""The newsroom's roles and review workflow, as data.

Written against an ``apps`` registry so the same code serves the data migration (historical
models) and tests that rebuild the page tree (current models).
"""

STAFF_GROUP = "Communications staff"
EDITORS_GROUP = "Editors"
WORKFLOW_NAME = "Editorial review"
TASK_NAME = "Editor approval"
# Wagtail's starter roles, replaced by the two above.
WAGTAIL_DEFAULT_GROUP = "Moderators"
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
WAGTAIL_DEFAULT_TASK = "Moderators approval"

# Django model permissions, as "app_label.codename".
# Staff draft alert banners and submit them for review, as they do stories; editors publish
# (which covers unpublishing and scheduling), lock, unlock and delete them.
STAFF_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "news.add_author",
    "news.change_author",
    "news.delete_author",
    "news.add_contact",
    "news.change_contact",
    "news.delete_contact",
    "core.add_alertbanner",
    "core.change_alertbanner",
]
EDITOR_PERMISSIONS = [
    *STAFF_PERMISSIONS,
    "news.add_category",
    "news.change_category",
    "news.delete_category",
    "core.delete_alertbanner",
    "core.publish_alertbanner",
    "core.lock_alertbanner",
    "core.unlock_alertbanner",
    "core.change_sitesettings",
]
# Snippets reviewed in the editorial workflow, as "app_label.model".
REVIEWED_SNIPPETS = ["core.alertbanner"]
# Wagtail makes these for snippets with drafts and locks after migrating (wagtail.snippets
# create_extra_permissions); the roles need them while migrating, as Wagtail names them.
SNIPPET_EXTRA_PERMISSIONS = {"core.alertbanner": ("alert banner", ["publish", "lock", "unlock"])}

# Image and document permissions, granted on the root collection. Staff add and choose: Wagtail's
# collection ownership then lets them change and delete their own uploads only, and
# editorial.media_permissions keeps files readers see for editors. Editors change everything.
STAFF_MEDIA_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
]
EDITOR_MEDIA_PERMISSIONS = [
    *STAFF_MEDIA_PERMISSIONS,
    "wagtailimages.change_image",
    "wagtaildocs.change_document",
]

# Page permissions: staff write under the news index; editors also publish (which covers
# unpublishing and scheduling), lock and unlock, from the home page down.
STAFF_PAGE_PERMISSIONS = ["add_page", "change_page"]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def install_snippet_permissions(apps):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    for dotted, (verbose_name, actions) in SNIPPET_EXTRA_PERMISSIONS.items():
        app_label, model = dotted.split(".")
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for action in actions:
            Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {verbose_name}"},
            )


def _permission(apps, dotted):
    Permission = apps.get_model("auth.Permission")
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def install_editorial_roles(apps, schema_editor=None):
    """Set the groups, exactly their permissions, and the review workflow."""
    Group = apps.get_model("auth.Group")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Site = apps.get_model("wagtailcore.Site")
    NewsIndexPage = apps.get_model("news.NewsIndexPage")

    remove_wagtail_default_roles(apps)
    install_snippet_permissions(apps)
    staff, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    staff.permissions.set([_permission(apps, p) for p in STAFF_PERMISSIONS])
    editors.permissions.set([_permission(apps, p) for p in EDITOR_PERMISSIONS])

    groups = (staff, editors)
    GroupCollectionPermission.objects.filter(group__in=groups).delete()
    GroupPagePermission.objects.filter(group__in=groups).delete()
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        media_grants = [(staff, STAFF_MEDIA_PERMISSIONS), (editors, EDITOR_MEDIA_PERMISSIONS)]
        GroupCollectionPermission.objects.bulk_create(
            GroupCollectionPermission(
                group=group, collection=root_collection, permission=_permission(apps, dotted)
            )
            for group, permissions in media_grants
            for dotted in permissions
        )

    site = Site.objects.filter(is_default_site=True).first()
    home = site.root_page if site else None
    news_index = (
        NewsIndexPage.objects.filter(path__startswith=home.path).order_by("path").first()
        if home
        else None
    )
    grants = [(staff, news_index, STAFF_PAGE_PERMISSIONS), (editors, home, EDITOR_PAGE_PERMISSIONS)]
    for group, page, codenames in grants:
        if page is None:
            continue
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page_id=page.pk,
                permission=_permission(apps, f"wagtailcore.{codename}"),
            )

    if news_index is not None:
        install_review_workflow(apps, editors, news_index)


def remove_wagtail_default_roles(apps):
    """Wagtail starts every site with a Moderators group and a workflow on the root page for
    it; this site's review runs through the Editors instead."""
    apps.get_model("auth.Group").objects.filter(name=WAGTAIL_DEFAULT_GROUP).delete()
    apps.get_model("wagtailcore.Workflow").objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).delete()
    apps.get_model("wagtailcore.Task").objects.filter(name=WAGTAIL_DEFAULT_TASK).delete()


def install_review_workflow(apps, editors, news_index):
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    ContentType = apps.get_model("contenttypes.ContentType")

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type)
    task.groups.add(editors)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page_id=news_index.pk, defaults={"workflow": workflow})
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")
    for dotted in REVIEWED_SNIPPETS:
        app_label, model = dotted.split(".")
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )
