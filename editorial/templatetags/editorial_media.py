from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def why_not_delete(context, item):
    """Why the signed-in person may not delete ``item``, in the words the delete view uses."""
    from editorial.media_permissions import refusal_policy

    return refusal_policy(item).refusal(context["request"].user, item, "delete") or ""
