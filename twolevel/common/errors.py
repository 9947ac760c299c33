"""The one error type of twolevel: bad input, named by its field."""


class TwoLevelError(ValueError):
    """Bad input. ``field`` is a dotted path such as ``home.constituencies[1].weight``."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}" if field else message)

    def within(self, prefix: str) -> "TwoLevelError":
        """The same error with ``prefix`` put in front of its field path."""
        if not self.field:
            return TwoLevelError(prefix, self.message)
        sep = "" if self.field.startswith("[") else "."
        return TwoLevelError(f"{prefix}{sep}{self.field}", self.message)
