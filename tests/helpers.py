"""What a person would see: page text, links and images, parsed from responses."""

from bs4 import BeautifulSoup


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def visible_text(response):
    """The page's text as a reader meets it, whitespace collapsed."""
    page = soup(response)
    for hidden in page(["script", "style", "head"]):
        hidden.decompose()
    return " ".join(page.get_text(" ").split())


def assert_in_order(text, pieces):
    """Each piece appears in ``text``, after the one before it."""
    position = 0
    for piece in pieces:
        found = text.find(piece, position)
        assert found != -1, f"{piece!r} missing after position {position} in: {text[position:]!r}"
        position = found + len(piece)
