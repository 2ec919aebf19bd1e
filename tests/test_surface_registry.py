"""The test registry covers every public page type the product has."""

from pages.surfaces import public_page_types

from .surfaces import PAGE_FACTORIES


def test_every_public_page_type_has_a_factory_in_the_registry():
    labels = {model._meta.label for model in public_page_types()}
    assert labels == set(PAGE_FACTORIES)


def test_each_factory_builds_its_page_type():
    by_label = {model._meta.label: model for model in public_page_types()}
    for label, factory in PAGE_FACTORIES.items():
        assert factory._meta.model is by_label[label]
