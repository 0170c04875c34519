"""The one exception the field normalisers raise: a value that cannot be used."""

from __future__ import annotations


class FieldProblem(ValueError):
    """A field's value cannot be normalised.

    ``rule`` is the snake_case rule it broke (``birthday_is_a_date``, ``phone_is_valid``);
    ``reason`` says what is wrong as a predicate that follows the field's name ("is not a valid
    date"), so the caller can write "birthday is not a valid date (rule birthday_is_a_date)".
    Neither ever holds the value itself: reasons end up in logs and in ``quarantine.parquet``.
    """

    def __init__(self, rule: str, reason: str) -> None:
        self.rule = rule
        self.reason = reason
        super().__init__(f"{reason} (rule {rule})")
