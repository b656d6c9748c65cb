"""The project around a linted file: its modules, their imports, and their summaries.

RULES.md "Where the rules look" 3: a function imported from a module of the project (a
relative import, or an absolute one that resolves to a file under the project root) is
followed like a same-module helper. The project root is the nearest folder above the
file holding ``pyproject.toml``, ``setup.cfg``, ``setup.py`` or ``.git``; it and its
``src/`` folder are package roots. Site-packages are never followed.

A module's summary (summaries.py ``ModuleSummary``) holds only facts of the module's own
text, so it is cached by the content hash of that text (in memory per process and, when
a cache folder is writable, on disk like ruff's and mypy's caches), and stays correct
when any other module changes: summaries are composed across modules at query time.
"""
from __future__ import annotations

import ast
import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:
    from .settings import Settings
    from .context import ForeignFunction
    from .summaries import ModuleSummary

ROOT_MARKERS = ("pyproject.toml", "setup.cfg", "setup.py", ".git")
CACHE_FOLDER = ".flask_async_lint_cache"
MAX_MODULE_BYTES = 2_000_000  # a generated giant is not worth summarising for its callers
_root_cache: dict[Path, Path | None] = {}
_projects: dict[tuple[Path, "Settings"], "Project"] = {}


def project_root(path: Path) -> Path | None:
    directory = path.parent
    found = _root_cache.get(directory)
    if found is not None or directory in _root_cache:
        return found
    result = None
    for candidate in (directory, *directory.parents):
        if any((candidate / marker).exists() for marker in ROOT_MARKERS):
            result = candidate
            break
    _root_cache[directory] = result
    return result


def project_for(filename: str | None, settings: Settings) -> "Project | None":
    """The project a linted file belongs to (None for stdin without a usable name, or a
    file outside any project)."""
    if not filename or filename in ("-", "stdin"):
        return None
    path = Path(filename)
    if not path.is_absolute():
        path = Path.cwd() / path
    root = project_root(path)
    if root is None:
        return None
    key = (root, settings)
    project = _projects.get(key)
    if project is None:
        project = _projects[key] = Project(root, settings)
    return project


class Project:
    def __init__(self, root: Path, settings: Settings) -> None:
        self.root = root
        self.settings = settings
        self.package_roots = [root] + ([root / "src"] if (root / "src").is_dir() else [])
        self._summaries: dict[Path, ModuleSummary | None] = {}
        self._in_progress: set[Path] = set()
        self._module_files: dict[tuple[Path, str], Path | None] = {}
        self._top_level: dict[str, list[Path]] = {}
        self._collecting: list[set[Path]] = []
        self.cache_folder = root / CACHE_FOLDER
        # The buffer flake8 hands us for the file being linted (an editor's unsaved text):
        # its own summary must come from that text, not from the disk.
        self.buffers: dict[Path, str] = {}

    def use_buffer(self, path: Path, source: str) -> None:
        """The linted file's own text (an editor's buffer may differ from the disk)."""
        if self.buffers.get(path) != source:
            self.buffers[path] = source
            self._summaries.pop(path, None)
            self.__dict__.pop("_reachable", None)

    def relative(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    # -- finding modules

    def _module_file(self, base: Path, dotted: str) -> Path | None:
        key = (base, dotted)
        if key in self._module_files:
            return self._module_files[key]
        parts = dotted.split(".") if dotted else []
        found = None
        target = base.joinpath(*parts) if parts else base
        if parts and target.with_suffix(".py").is_file():
            found = target.with_suffix(".py")
        elif (target / "__init__.py").is_file():
            found = target / "__init__.py"
        self._module_files[key] = found
        return found

    def resolve_import(self, importer: Path, qualname: str) -> tuple[Path, str] | None:
        """Where ``qualname`` (as bound by an import in ``importer``) lives in the project:
        (module file, attribute path in it; "" for the module itself), or None."""
        level = len(qualname) - len(qualname.lstrip("."))
        dotted = qualname[level:]
        if level:
            base = importer.parent
            for _ in range(level - 1):
                base = base.parent
            bases = [base]
        else:
            top = dotted.partition(".")[0]
            bases = self._top_level.get(top)
            if bases is None:
                bases = self._top_level[top] = [
                    root for root in self.package_roots
                    if (root / f"{top}.py").is_file() or (root / top / "__init__.py").is_file()
                ]
        parts = dotted.split(".") if dotted else []
        for base in bases:
            # The longest prefix that is a module; the rest is an attribute path in it.
            for cut in range(len(parts), -1, -1):
                module = self._module_file(base, ".".join(parts[:cut]))
                if module is not None:
                    return module, ".".join(parts[cut:])
        return None

    # -- summaries

    def summary(self, path: Path) -> ModuleSummary | None:
        if self._collecting:
            self._collecting[-1].add(path)  # the module being summarised read this one
        if path in self._summaries:
            return self._summaries[path]
        if path in self._in_progress:
            return None  # an import cycle: the caller sees this module as unknown, once
        self._in_progress.add(path)
        try:
            result = self._load_summary(path)
        finally:
            self._in_progress.discard(path)
        self._summaries[path] = result
        return result

    def _load_summary(self, path: Path) -> ModuleSummary | None:
        from .summaries import ModuleSummary, summarise_module

        source = self.buffers.get(path)
        if source is None:
            try:
                data = path.read_bytes()
            except OSError:
                return None
            if len(data) > MAX_MODULE_BYTES:
                return None
            try:
                source = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                return None
        key = self._cache_key(path, source)
        cached = self._read_cache(key)
        if cached is not None and all(
            self._content_hash(self.root / relative) == digest for relative, digest in cached["deps"].items()
        ):
            return ModuleSummary.from_json(cached["summary"])
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
        # A summary depends on its own text, and on the modules whose top-level objects it
        # imports: record those, with their hashes, so that the cache notices their changes.
        self._collecting.append(set())
        try:
            summary = summarise_module(tree, source, self, path)
        finally:
            deps = self._collecting.pop()
        deps.discard(path)
        self._write_cache(key, {
            "summary": summary.to_json(),
            "deps": {self.relative(dep): self._content_hash(dep) for dep in sorted(deps)},
        })
        return summary

    def _content_hash(self, path: Path) -> str:
        source = self.buffers.get(path)
        try:
            data = source.encode("utf-8", "surrogatepass") if source is not None else path.read_bytes()
        except OSError:
            return ""
        return hashlib.sha256(data).hexdigest()

    def _cache_key(self, path: Path, source: str) -> str:
        digest = hashlib.sha256()
        for part in (__version__, repr(self.settings), self.relative(path), source):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
        return digest.hexdigest()

    def _read_cache(self, key: str) -> dict | None:
        if os.environ.get("FLASK_ASYNC_LINT_NO_CACHE"):
            return None
        try:
            return json.loads((self.cache_folder / "summaries" / f"{key}.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def _write_cache(self, key: str, data: dict) -> None:
        if os.environ.get("FLASK_ASYNC_LINT_NO_CACHE"):
            return
        folder = self.cache_folder / "summaries"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            gitignore = self.cache_folder / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("# created by flask-async-lint\n*\n", "utf-8")
            temporary = folder / f"{key}.{os.getpid()}.tmp"
            temporary.write_text(json.dumps(data), "utf-8")
            os.replace(temporary, folder / f"{key}.json")  # atomic: parallel flake8 workers
        except OSError:
            pass  # a read-only checkout still lints, just without the disk cache

    # -- what a name of a module is

    def lookup(self, module: Path, attribute: str, depth: int = 0) -> "ForeignFunction | tuple | None":
        """A project function (ForeignFunction) or module-level object (kind, qualname,
        code, reported) that ``attribute`` names in ``module``, following re-exports."""
        from .context import ForeignFunction

        if depth > 10 or not attribute:
            return None
        summary = self.summary(module)
        if summary is None:
            return None
        record = summary.functions.get(attribute)
        if record is not None:
            return ForeignFunction(module, attribute, record.is_coroutine)
        obj = summary.objects.get(attribute)
        if obj is not None:
            return obj
        head, _, rest = attribute.partition(".")
        imported = summary.imports.get(head)
        if imported is not None:
            target = self.resolve_import(module, f"{imported}.{rest}" if rest else imported)
            if target is not None and target != (module, attribute):
                return self.lookup(target[0], target[1], depth + 1)
        return None

    def reachable_through(self, module: Path, attribute: str) -> dict:
        """Effects of calling ``attribute`` of ``module``: re-exports followed; nothing for a
        coroutine function (calling one runs none of its body) or an unknown name."""
        from .context import ForeignFunction

        target = self.lookup(module, attribute)
        if not isinstance(target, ForeignFunction) or target.is_coroutine:
            return {}
        return self.reachable(target.path, target.name)

    def reachable(self, module: Path, name: str) -> dict:
        """Effects a call of ``name`` in ``module`` reaches, across the project's modules."""
        return self._reachable_from((module, name), set())[0]

    def _reachable_from(self, key: tuple[Path, str], path: set) -> tuple[dict, set]:
        """As summaries.Summaries._closure: results that depend on an unfinished function of
        an import cycle are not memoised."""
        from .context import ForeignFunction
        from .summaries import keep_shortest

        memo = self.__dict__.setdefault("_reachable", {})
        if key in memo:
            return memo[key], set()
        if key in path:
            return {}, {key}
        path.add(key)
        summary = self.summary(key[0])
        record = summary.functions.get(key[1]) if summary is not None else None
        best: dict = {}
        met: set = set()
        if record is not None:
            for effect in record.effects:
                keep_shortest(best, effect, 1)
            for via, relative, attribute in record.foreign:
                target = self.lookup(self.root / relative, attribute)
                if not isinstance(target, ForeignFunction) or target.is_coroutine:
                    continue
                inner, inner_met = self._reachable_from((target.path, target.name), path)
                met |= inner_met
                for effect, count in inner.values():
                    keep_shortest(best, effect.prefixed(via), count)
        path.discard(key)
        met.discard(key)
        if not met:
            memo[key] = best
        return best, met
