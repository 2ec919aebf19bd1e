"""Phone numbers as people write them, and as tel: links dial them."""

import re

from django.core.exceptions import ValidationError

EXTENSION = re.compile(r"\s*(?:x|ext\.?)\s*(\d+)\s*$", re.IGNORECASE)
NUMBER = re.compile(r"^\+?[\d\s().\-]+$")


def _split(value):
    match = EXTENSION.search(value)
    if match:
        return value[: match.start()], match.group(1)
    return value, ""


def validate_phone(value):
    number, _ = _split(value.strip())
    if not NUMBER.match(number) or len(re.sub(r"\D", "", number)) < 7:
        raise ValidationError(
            "Enter a phone number such as (804) 828-9325 or +1 804 828 9325.",
            code="invalid_phone",
        )


def tel_href(value):
    """``(804) 828-9325`` becomes ``tel:+18048289325``; an extension becomes ``;ext=``."""
    if not value:
        return ""
    number, extension = _split(value.strip())
    digits = re.sub(r"\D", "", number)
    if number.startswith("+"):
        dial = f"+{digits}"
    elif len(digits) == 10:
        dial = f"+1{digits}"  # a North American number written without its country code
    elif len(digits) == 11 and digits.startswith("1"):
        dial = f"+{digits}"
    else:
        dial = digits
    return f"tel:{dial};ext={extension}" if extension else f"tel:{dial}"
