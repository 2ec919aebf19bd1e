"""Phone numbers become tel: links that dial correctly; nonsense is refused with a message."""

from django.core.exceptions import ValidationError

import pytest

from core.phone import tel_href, validate_phone


@pytest.mark.parametrize(
    ("written", "href"),
    [
        ("(804) 828-9325", "tel:+18048289325"),
        ("804.828.9325", "tel:+18048289325"),
        ("1-800-555-0199", "tel:+18005550199"),
        ("+44 20 7946 0958", "tel:+442079460958"),
        ("(804) 828-0450 ext. 12", "tel:+18048280450;ext=12"),
        ("", ""),
    ],
)
def test_tel_href(written, href):
    assert tel_href(written) == href


@pytest.mark.parametrize("bad", ["call us", "12345", "804-CALL-NOW", "(804) 828-9325; drop"])
def test_invalid_numbers_get_a_clear_message(bad):
    with pytest.raises(ValidationError, match="Enter a phone number such as"):
        validate_phone(bad)


@pytest.mark.parametrize("good", ["(804) 828-9325", "+1 804 828 9325", "828-9325 x4"])
def test_valid_numbers_pass(good):
    validate_phone(good)
