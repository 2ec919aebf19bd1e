"""The quality gate: every public page, in both views, in a real browser and real checkers."""
