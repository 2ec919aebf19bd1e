from django import template

register = template.Library()


@register.filter
def names(people):
    """Join names as a byline reads: "A", "A and B", "A, B and C"."""
    names = [str(person) for person in people]
    if len(names) <= 2:
        return " and ".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
