"""FAS900: internal error while analysing this file

## What it does
Reports, once per file, that flask-async-lint itself failed on the file.

The message is `FAS900 internal error in flask-async-lint, please report: <exception>`.
The flake8 plugin and the CLI catch their own failures per file instead of raising.

## Why is this bad?
It is a bug in the linter, not in your code. An exception raised into flake8 would abort
the whole run for every file; reporting it as a finding keeps the run going and makes the
failure visible instead of silent. The file's other findings are lost.

## Example
```python
# any file that triggers a bug in the linter
```

## Use instead
```python
# nothing to change in the code: report the message (and, if you can, the file) upstream,
# and silence it meanwhile with "# noqa: FAS900" on line 1 or --extend-ignore=FAS900
```

## Options
None.

## Fix safety
No automatic fix.

## References
- [flask-async-lint issues](https://github.com/flask-async-lint/flask-async-lint/issues)
"""
from __future__ import annotations

from ...rule import Rule


class InternalError(Rule):
    """Emitted by the front doors (flake8_plugin.py, cli.py), never by the engine's pass."""

    CODE = "FAS900"
    NAME = "internal-error"
    SUMMARY = "internal error in flask-async-lint while analysing the file"
    NODE_TYPES = ()
