from django.db import migrations

STEP_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's materialised-path digits


def next_child_path(parent, last_child):
    if last_child is None:
        return parent.path + "0001"
    value = 0
    for char in last_child.path[-4:]:
        value = value * 36 + STEP_ALPHABET.index(char)
    value += 1
    digits = ""
    for _ in range(4):
        value, remainder = divmod(value, 36)
        digits = STEP_ALPHABET[remainder] + digits
    return parent.path + digits


def create_news_index(apps, schema_editor):
    """Every site has one news index at /news/: the home of all stories and their workflow."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("home.HomePage")
    NewsIndexPage = apps.get_model("news.NewsIndexPage")

    home = HomePage.objects.order_by("path").first()
    if home is None or NewsIndexPage.objects.exists():
        return
    children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
    index_type, _ = ContentType.objects.get_or_create(app_label="news", model="newsindexpage")
    NewsIndexPage.objects.create(
        title="News",
        draft_title="News",
        slug="news",
        content_type=index_type,
        path=next_child_path(home, children.order_by("-path").first()),
        depth=home.depth + 1,
        numchild=0,
        url_path=home.url_path + "news/",
        locale_id=home.locale_id,
        live=True,
        show_in_menus=True,
    )
    Page.objects.filter(pk=home.pk).update(numchild=children.count())


def remove_news_index(apps, schema_editor):
    apps.get_model("news.NewsIndexPage").objects.filter(slug="news").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("home", "0003_create_homepage"),
    ]

    operations = [migrations.RunPython(create_news_index, remove_news_index)]
