"""Newsroom people for tests: the shipped roles, applied to the test page tree."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from editorial.roles import EDITORS_GROUP, STAFF_GROUP, install_editorial_roles


def make_user(username, group_name):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "pw", first_name=username.title()
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def newsroom():
    """Install the roles and workflow on the current tree; return (staff, editor)."""
    install_editorial_roles(apps)
    return make_user("sam", STAFF_GROUP), make_user("erin", EDITORS_GROUP)
