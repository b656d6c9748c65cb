"""``# noqa`` comments, read the way flake8 reads them, for the CLI (flake8 does its own)."""
from __future__ import annotations

import re

# flake8's grammar (flake8.defaults.NOQA_INLINE_REGEXP): ``# noqa`` alone silences every
# code on the line; ``# noqa: FAS1, E501`` silences codes that start with a listed one.
_NOQA = re.compile(
    r"# noqa(?::[\s]?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?",
    re.IGNORECASE,
)
_CODE = re.compile(r"[A-Z]+[0-9]+", re.IGNORECASE)


def is_silenced(line_text: str, code: str) -> bool:
    if "noqa" not in line_text.lower():
        return False
    for match in _NOQA.finditer(line_text):
        codes = match.group("codes")
        if codes is None:
            return True
        if any(code.upper().startswith(listed.upper()) for listed in _CODE.findall(codes)):
            return True
    return False
