from .pages import ArticleAuthor, ArticleTag, NewsArticlePage, NewsIndexPage
from .snippets import Author, Category, Contact

__all__ = [
    "ArticleAuthor",
    "ArticleTag",
    "Author",
    "Category",
    "Contact",
    "NewsArticlePage",
    "NewsIndexPage",
]
