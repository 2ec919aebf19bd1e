from .pages import ArticleAuthor, ArticleTag, NewsArticlePage, NewsIndexPage, RelatedStory
from .snippets import Author, Category, Contact

__all__ = [
    "ArticleAuthor",
    "ArticleTag",
    "Author",
    "Category",
    "Contact",
    "NewsArticlePage",
    "NewsIndexPage",
    "RelatedStory",
]
