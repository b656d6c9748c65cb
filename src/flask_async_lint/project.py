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
import re
import sys
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Collection, Iterator

from . import __version__

if TYPE_CHECKING:
    from .settings import Settings
    from .context import ForeignFunction
    from .summaries import ModuleExports, ModuleSummary

ROOT_MARKERS = ("pyproject.toml", "setup.cfg", "setup.py", ".git")
CACHE_FOLDER = ".flask_async_lint_cache"
# Part of every cache key: bump it when the shape of a summary or of exports changes, so
# that entries written by an older build are never read as this one's.
CACHE_FORMAT = "4"
MAX_MODULE_BYTES = 2_000_000  # a generated giant is not worth summarising for its callers
RECENT_TREES = 4
STDLIB_NAMES = frozenset(sys.stdlib_module_names)
MAX_PROJECT_FILES = 5000  # the project-wide Flask view search gives up beyond this
# Folders that hold no module of the project: VCS, virtual environments, build output, caches.
SKIPPED_DIRECTORIES = frozenset({
    ".git", ".hg", ".svn", ".venv", "venv", "__pycache__", "build", "dist", ".tox", ".nox",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", "node_modules", ".eggs", CACHE_FOLDER,
})
_FLASK_IMPORT = re.compile(r"^[ \t]*(?:from|import)[ \t]+flask\b", re.MULTILINE)
# What lookup_object answers for a model class (context.MODEL_CLASS): kind, made by, code, reported
MODEL_OBJECT = ("flask_sqlalchemy_model", "flask_sqlalchemy.Model", "FAS102", False)
_ASYNC_DEF = re.compile(r"async\s+def\s+(\w+)")
_DEF = re.compile(r"def\s+(\w+)")
_IMPORT_LINE = re.compile(r"import\s*(?:\([^)]*\)|[^\n]*)")  # a literal first: re finds it fast
_IDENTIFIER = re.compile(r"\w+")
_STATEMENT_KEYWORDS = "|".join((
    "class", "def", "async", "from", "import", "if", "elif", "else", "try", "except", "finally",
    "for", "while", "with", "return", "raise", "assert", "del", "pass", "global",
))
_TOP_LEVEL_LINE = re.compile(rf"\n(?!(?:{_STATEMENT_KEYWORDS})\b)([^\s#@][^\n]*)")  # on "\n" + source
_TARGET = re.compile(r"\b(\w+)\s*[=:,)\]]")
_CLASS = re.compile(r"class\s+(\w+)")
_STAR_IMPORT = re.compile(r"import\s+\*")
_root_cache: dict[Path, Path | None] = {}
_projects: dict[tuple[Path, "Settings"], "Project"] = {}


def _decoded(from_json, data):  # noqa: ANN001, ANN202
    """A cache entry decoded, or None when it is missing or not in the shape this version
    writes (a damaged file, another version's format): then it is recomputed."""
    if data is None:
        return None
    try:
        return from_json(data)
    except (AttributeError, KeyError, TypeError, ValueError, IndexError):
        return None


def _assigned_or_model_names(source: str) -> set[str]:
    """The names a module's text could bind at module level to an object, a constant or a
    client (``name =``, ``name: T =``, ``a, name =``, ``a = name =`` on a line with no indent
    and no statement keyword) or to a model class (a ``class`` of a module that says
    ``Model``): a superset of its exports' names, which an indented ``name = ...`` and
    ``__all__ = ("name",)`` are not."""
    names = {name for line in _TOP_LEVEL_LINE.findall("\n" + source) for name in _TARGET.findall(line)}
    if "Model" in source:
        names.update(_CLASS.findall(source))
    return names


# What a module's text must define for a lookup to find a name in it, unless it imports
# the name (a re-export): read once per module, a superset of what its parse would answer.
_TEXT_NAMES = {
    "function": lambda source: set(_DEF.findall(source)),
    "coroutine function": lambda source: set(_ASYNC_DEF.findall(source)),
    "object": _assigned_or_model_names,
}


def _imports_flask(source: str) -> bool:
    # the substring first: the anchored regex tries every position of the text
    return "flask" in source and _FLASK_IMPORT.search(source) is not None


def python_files_under(root: str | os.PathLike) -> Iterator[str]:
    """The ``*.py`` files below ``root``, in a stable order, skipped folders left out (the
    CLI's folder walk, the results cache's fingerprint and the project-wide searches)."""
    for directory, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRECTORIES and not d.endswith(".egg-info"))
        for name in sorted(files):
            if name.endswith(".py"):
                yield os.path.join(directory, name)


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
        self._exports: dict[Path, ModuleExports | None] = {}
        self._reachable: dict[tuple[Path, str], dict] = {}
        self._module_files: dict[tuple[Path, str], Path | None] = {}
        self._top_level: dict[str, list[Path]] = {}
        self._collecting: list[set[Path]] = []
        self._text_names: dict[tuple[Path, str], set[str]] = {}
        self._import_words: dict[Path, set[str]] = {}
        self._flask_reached: set[tuple[Path, str]] | None = None
        self._app_clients: dict[tuple[str, object], tuple[str, int, str]] | None = None
        self._files: list[Path] | None = None
        self._disk: dict[Path, bytes | None] = {}
        self._hashes: dict[Path, str] = {}
        self.cache_folder = root / CACHE_FOLDER
        # The buffer flake8 hands us for the file being linted (an editor's unsaved text):
        # its own summary must come from that text, not from the disk.
        self.buffers: dict[Path, str] = {}
        self._recent_trees: dict[Path, tuple[str, ast.Module | None]] = {}  # oldest first

    def use_buffer(self, path: Path, source: str) -> None:
        """The linted file's own text (an editor's buffer may differ from the disk)."""
        if self.buffers.get(path, source) != source or path not in self.buffers:
            changed = path in self.buffers or path in self._summaries or path in self._exports
            # what the text checks read, from the disk or an older buffer
            for what in _TEXT_NAMES:
                self._text_names.pop((path, what), None)
            self._import_words.pop(path, None)
            if path in self.buffers:
                self._flask_reached = self._app_clients = None  # an edited buffer may change them
            self.buffers[path] = source
            self._hashes.pop(path, None)
            if changed:
                self._summaries.pop(path, None)
                self._exports.pop(path, None)
                self._reachable.clear()

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

    def _roots_holding(self, top: str) -> list[Path]:
        """The package roots that hold a top-level module or package ``top``."""
        roots = self._top_level.get(top)
        if roots is None:
            roots = self._top_level[top] = [
                root for root in self.package_roots
                if (root / f"{top}.py").is_file() or (root / top / "__init__.py").is_file()
            ]
        return roots

    def shadowing_import(self, importer: Path, qualname: str) -> str | None:
        """``import queue`` in a project with its own top-level ``queue.py``: Python, run
        from the project, imports that module, not the stdlib's (modules built into the
        interpreter, such as ``time`` and ``sys``, always win). The import as a relative one,
        which the tables never match, or None when nothing is shadowed."""
        top = qualname.partition(".")[0]
        if top in sys.builtin_module_names or top not in STDLIB_NAMES:
            return None
        for root in self._roots_holding(top):
            try:
                depth = len(importer.parent.relative_to(root).parts)
            except ValueError:
                continue
            return "." * (depth + 1) + qualname
        return None

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
            bases = self._roots_holding(top)
        parts = dotted.split(".") if dotted else []
        if self._collecting:
            self._note_missing_modules(level, bases, parts)
        for base in bases:
            # The longest prefix that is a module; the rest is an attribute path in it.
            for cut in range(len(parts), -1, -1):
                module = self._module_file(base, ".".join(parts[:cut]))
                if module is not None:
                    return module, ".".join(parts[cut:])
        return None

    def _note_missing_modules(self, level: int, bases: list[Path], parts: list[str]) -> None:
        """A summary being built depends on the files its imports could resolve to but do
        not (yet): recorded as missing, so that creating one invalidates the cached summary."""
        if not level and not bases:
            return  # a package outside the project (stdlib, site-packages): nothing to watch
        missing = self._collecting[-1]
        for base in bases:
            for cut in range(len(parts), 0 if not level else -1, -1):
                target = base.joinpath(*parts[:cut]) if cut else base
                for path in (target.with_suffix(".py") if cut else None, target / "__init__.py"):
                    if path is not None and path not in missing and not path.is_file():
                        missing.add(path)

    # -- summaries and exports

    def _read(self, path: Path) -> bytes | None:
        """A module's bytes, read once per process (a lint run is short; each module is
        asked about by many files)."""
        if path in self._disk:
            return self._disk[path]
        try:
            data: bytes | None = path.read_bytes()
        except OSError:
            data = None
        self._disk[path] = data
        return data

    def _source(self, path: Path) -> str | None:
        source = self.buffers.get(path)
        if source is not None:
            return source
        data = self._read(path)
        if data is None:
            return None
        if len(data) > MAX_MODULE_BYTES:
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None

    def exports(self, path: Path) -> ModuleExports | None:
        """A module's top-level blocking objects and imports: cheap, and never reads another
        module, so summarising a module can ask for its neighbours' without nesting."""
        from .summaries import ModuleExports, module_exports

        if self._collecting:
            self._collecting[-1].add(path)  # the module being summarised reads this one
        if path in self._exports:
            return self._exports[path]
        result = None
        source = self._source(path)
        if source is not None:
            key = self._cache_key(path, source, "exports")
            result = _decoded(ModuleExports.from_json, self._read_cache(key))
            if result is None:
                tree = self._parse(path, source)
                if tree is not None:
                    result = module_exports(tree, source, self.settings)
                    self._write_cache(key, result.to_json())
        self._exports[path] = result
        return result

    def release_trees(self) -> None:
        """Drop the parsed trees kept for reuse once a file is linted: in a long flake8 run,
        every object kept alive makes each of the interpreter's full garbage collections
        slower, for flake8's own work too."""
        self._recent_trees.clear()

    def _parse(self, path: Path, source: str) -> ast.Module | None:
        """One parse per module for its exports and its summary, which are usually asked
        for close together (a parse is most of a cold summary's cost). Only the latest few
        trees are kept: holding every module's tree would cost more memory than a second
        parse costs time."""
        recent = self._recent_trees.pop(path, None)
        if recent is not None and recent[0] == source:
            self._recent_trees[path] = recent
            return recent[1]
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            tree = None
        self._recent_trees[path] = (source, tree)
        if len(self._recent_trees) > RECENT_TREES:
            del self._recent_trees[next(iter(self._recent_trees))]
        return tree

    def summary(self, path: Path) -> ModuleSummary | None:
        """A module's functions, each with its local closure (summaries.py)."""
        if path in self._summaries:
            return self._summaries[path]
        self._summaries[path] = None  # a module asked for while it is summarised: unknown
        self._summaries[path] = self._load_summary(path)
        return self._summaries[path]

    def _load_summary(self, path: Path) -> ModuleSummary | None:
        from .summaries import ModuleSummary, summarise_module

        source = self._source(path)
        if source is None:
            return None
        key = self._cache_key(path, source, "summary")
        cached = self._read_cache(key)
        try:
            fresh = cached is not None and all(
                self._content_hash(self.root / relative) == digest for relative, digest in cached["deps"].items()
            )
        except (AttributeError, KeyError, TypeError):
            fresh = False
        summary = _decoded(ModuleSummary.from_json, cached.get("summary") if fresh else None)  # type: ignore[union-attr]
        if summary is not None:
            return summary
        tree = self._parse(path, source)
        if tree is None:
            return None
        # A summary depends on its own text and on the exports of the modules whose objects
        # it uses: record those, with their hashes, so that the cache notices their changes.
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
        found = self._hashes.get(path)
        if found is None:
            source = self.buffers.get(path)
            data = source.encode("utf-8", "surrogatepass") if source is not None else self._read(path)
            found = self._hashes[path] = "" if data is None else hashlib.sha256(data).hexdigest()
        return found

    def _cache_key(self, path: Path, source: str, what: str) -> str:
        digest = hashlib.sha256()
        for part in (what, __version__, CACHE_FORMAT, repr(self.settings), self.relative(path), source):
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

    def _exported(self, module: Path, attribute: str, pick, depth: int = 0):  # noqa: ANN001, ANN202
        """What ``pick(module, exports, attribute, depth)`` finds for a name a module makes
        at its top level, following re-exports; None when it finds nothing. A text check
        first: most imported names are functions and classes, which need no parse."""
        if not attribute or depth > 10 or not self.might_define_object(module, attribute):
            return None
        exports = self.exports(module)
        if exports is None:
            return None
        found = pick(module, exports, attribute, depth)
        if found is not None:
            return found
        target = self._reexported(module, exports, attribute)
        return self._exported(*target, pick, depth + 1) if target is not None else None

    def lookup_object(self, module: Path, attribute: str, depth: int = 0) -> tuple | None:
        """The module-level blocking object (kind, qualname, code, reported) that
        ``attribute`` names in ``module``: an object made by a table's constructor, or a
        Flask-SQLAlchemy model class."""
        def pick(module: Path, exports: ModuleExports, attribute: str, depth: int) -> tuple | None:
            found = exports.objects.get(attribute)
            if found is None and attribute in exports.classes:
                # a class that is no model answers False: found, and not an object
                found = MODEL_OBJECT if self._is_model(module, exports.classes[attribute], depth) else False
            return found

        found = self._exported(module, attribute, pick, depth)
        return found or None

    def derives_from(self, module: Path, name: str, wanted: Collection[str], depth: int = 0) -> bool:
        """Whether class ``name`` of ``module`` derives from one of ``wanted`` (qualified
        names), through classes of the project's modules."""
        from .summaries import LOCAL_CLASS

        exports = self.exports(module) if depth <= 10 else None
        if exports is None:
            return False
        bases = exports.classes.get(name)
        if bases is None:
            target = self._reexported(module, exports, name)
            return target is not None and self.derives_from(*target, wanted, depth + 1)
        for base in bases:
            if base in wanted:
                return True
            if base.startswith(LOCAL_CLASS):
                if self.derives_from(module, base[len(LOCAL_CLASS):], wanted, depth + 1):
                    return True
                continue
            target = self.resolve_import(module, base)
            if target is not None and target[1] and self.derives_from(*target, wanted, depth + 1):
                return True
        return False

    def lookup_constant(self, module: Path, attribute: str) -> int | None:
        """The statically known int ``attribute`` names in ``module`` (FAS400)."""
        return self._exported(module, attribute, lambda _, exports, name, __: exports.constants.get(name))

    def lookup_client(self, module: Path, attribute: str) -> tuple[str, int, str] | None:
        """(FAS504 client kind, line, module path) of a loop-bound async client that
        ``attribute`` names in ``module``."""
        def pick(module: Path, exports: ModuleExports, attribute: str, depth: int) -> tuple | None:
            found = exports.clients.get(attribute)
            return (*found, self.relative(module)) if found is not None else None

        return self._exported(module, attribute, pick)

    def uses_celery(self, module: Path) -> bool:
        """The module imports celery, or a Celery app made in another module of the project."""
        exports = self.exports(module)
        if exports is None:
            return False
        for name, qualname in exports.imports.items():
            if qualname == "celery" or qualname.startswith("celery."):
                return True
            target = self.resolve_import(module, qualname)
            found = self.lookup_object(*target) if target is not None and target[1] else None
            if found is not None and found[0] == "celery_app":
                return True
        return False

    def _is_model(self, module: Path, bases: list[str], depth: int) -> bool:
        """A Flask-SQLAlchemy model: a base is ``db.Model`` of a project module's
        ``db = SQLAlchemy()``, or a model of this or another project module."""
        from .summaries import LOCAL_CLASS, MODEL_BASE

        if depth > 10:
            return False
        for base in bases:
            if base == MODEL_BASE:
                return True
            if base.startswith(LOCAL_CLASS):
                exports = self.exports(module)
                inner = exports.classes.get(base[len(LOCAL_CLASS):]) if exports is not None else None
                if inner is not None and inner is not bases and self._is_model(module, inner, depth + 1):
                    return True
                continue
            target = self.resolve_import(module, base)
            if target is None or not target[1]:
                continue
            where, attribute = target
            owner, _, last = attribute.rpartition(".")
            if last == "Model" and owner:
                found = self.lookup_object(where, owner, depth + 1)
                if found is not None and found[0] == "flask_sqlalchemy":
                    return True
            found = self.lookup_object(where, attribute, depth + 1)
            if found is not None and found[0] == MODEL_OBJECT[0]:
                return True
        return False

    def lookup_function(self, module: Path, attribute: str, depth: int = 0) -> ForeignFunction | None:
        """The function ``attribute`` names in ``module``, following re-exports."""
        from .context import ForeignFunction

        if depth > 10 or not attribute or not self.might_define_function(module, attribute):
            return None
        summary = self.summary(module)
        if summary is None:
            return None
        record = summary.functions.get(attribute)
        if record is not None:
            return ForeignFunction(module, attribute, record.is_coroutine, record.is_generator)
        exports = self.exports(module)
        target = self._reexported(module, exports, attribute) if exports is not None else None
        return self.lookup_function(*target, depth + 1) if target is not None else None

    def defines(self, module: Path, name: str, depth: int = 0) -> bool:
        """Whether ``from module import *`` binds ``name``."""
        exports = self.exports(module) if depth <= 10 else None
        if exports is None:
            return False
        if name in exports.public:
            return True
        return self._star_source(module, exports, name, depth) is not None

    def _star_source(self, module: Path, exports: ModuleExports, name: str, depth: int = 0) -> Path | None:
        for star in exports.stars:
            target = self.resolve_import(module, star)
            if target is not None and not target[1] and target[0] != module \
                    and self.defines(target[0], name, depth + 1):
                return target[0]
        return None

    def _reexported(self, module: Path, exports: ModuleExports, attribute: str) -> tuple[Path, str] | None:
        head, _, rest = attribute.partition(".")
        imported = exports.imports.get(head)
        if imported is None:
            source = self._star_source(module, exports, head) if exports.stars else None
            return (source, attribute) if source is not None else None
        target = self.resolve_import(module, f"{imported}.{rest}" if rest else imported)
        return target if target is not None and target != (module, attribute) else None

    def _text_could_hold(self, module: Path, what: str, *names: str) -> bool:
        """The text check before parsing ``module`` for a lookup: could it define one of
        ``names`` as ``what`` (see _TEXT_NAMES), or import it (a re-export, or a star)?"""
        defined = self._text_names.get((module, what))
        if defined is None:
            defined = self._text_names[(module, what)] = _TEXT_NAMES[what](self._source(module) or "")
        imported = self._imported_names(module)
        return "*" in imported or any(name in defined or name in imported for name in names)

    def might_define_object(self, module: Path, attribute: str) -> bool:
        """Before parsing ``module`` for its exports: most imported names are functions and
        classes, which are no object, constant, client or model."""
        return self._text_could_hold(module, "object", attribute.partition(".")[0])

    def might_define_function(self, module: Path, attribute: str) -> bool:
        """Before summarising ``module`` to find a function (``get_user``, ``Store.load``):
        calls of the project's classes (``User(...)``, ``raise AppError(...)``) would
        otherwise summarise their whole module to learn that they are no function."""
        return self._text_could_hold(module, "function", attribute.rpartition(".")[2], attribute.partition(".")[0])

    def might_be_coroutine_function(self, module: Path, attribute: str) -> bool:
        """Before summarising ``module`` for FAS200's question (is this an ``async def``?):
        most calls into the project are of plain functions."""
        return self._text_could_hold(module, "coroutine function", attribute.rpartition(".")[2])

    def _imported_names(self, module: Path) -> set[str]:
        """Every word of the module's import statements, and "*" for a star import."""
        names = self._import_words.get(module)
        if names is None:
            source = self._source(module) or ""
            names = self._import_words[module] = set(_IDENTIFIER.findall(" ".join(_IMPORT_LINE.findall(source))))
            if "*" in source and _STAR_IMPORT.search(source):
                names.add("*")
        return names

    def flask_reached_coroutines(self) -> set[tuple[Path, str]]:
        """(module, function) of every coroutine function of the project that a Flask async
        view or hook calls, directly or through other coroutines, across modules: it runs
        on the view's per-request loop (FAS301, FAS504). Computed once per process from the
        summaries of the modules that import flask."""
        if self._flask_reached is not None:
            return self._flask_reached
        self._flask_reached = reached = set()
        queue: deque[tuple[Path, str]] = deque()
        for path in self._python_files():
            source = self._source(path)
            if source and "async" in source and _imports_flask(source):
                summary = self.summary(path)
                if summary is not None:
                    queue.extend((self.root / relative, attribute) for relative, attribute in summary.flask_view_calls)
        while queue:
            target = self.lookup_function(*queue.popleft())
            if target is None or not target.is_coroutine or (target.path, target.name) in reached:
                continue
            reached.add((target.path, target.name))
            summary = self.summary(target.path)
            record = summary.functions.get(target.name) if summary is not None else None
            if record is not None:
                queue.extend((self.root / relative, attribute) for relative, attribute in record.coroutine_calls)
        return reached

    def app_slot_client(self, slot: str, key: object) -> tuple[str, int, str] | None:
        """(client kind, line, module path) of a loop-bound client that a Flask module of the
        project stores in ``app.<slot>[key]``; searched once per process."""
        if self._app_clients is None:
            self._app_clients = {}
            for path in self._python_files():
                source = self._source(path)
                if source and (".extensions[" in source or ".config[" in source) and _imports_flask(source):
                    summary = self.summary(path)
                    for found_slot, found_key, kind, line in summary.app_clients if summary is not None else ():
                        self._app_clients.setdefault((found_slot, found_key), (kind, line, self.relative(path)))
        return self._app_clients.get((slot, key))

    def _python_files(self) -> list[Path]:
        """The project's modules, virtual environments, VCS and build folders left out."""
        if self._files is not None:
            return self._files
        found: list[Path] = []
        self._files = found
        for name in python_files_under(self.root):  # src/ is under the root
            found.append(Path(name))
            if len(found) > MAX_PROJECT_FILES:
                break
        return found

    def reachable_through(self, module: Path, attribute: str, consumed: bool = False) -> dict:
        """Effects of calling ``attribute`` of ``module``: re-exports followed; nothing for a
        coroutine function (calling one runs none of its body) or an unknown name."""
        target = self.lookup_function(module, attribute)
        if target is None or target.is_coroutine or (target.is_generator and not consumed):
            return {}
        return self.reachable(target.path, target.name)

    def reachable(self, module: Path, name: str) -> dict:
        """Effects a call of ``name`` in ``module`` reaches, across the project's modules:
        a breadth-first walk over the functions' local closures and their call edges, so
        each function is visited once, cycles need no special case, and the first chain
        found for a code is a shortest one."""
        from .summaries import keep_shortest

        start = (module, name)
        found = self._reachable.get(start)
        if found is not None:
            return found
        best: dict = {}
        seen = {start}
        queue = deque([(start, ())])
        while queue:
            (path, function), via = queue.popleft()
            summary = self.summary(path)
            record = summary.functions.get(function) if summary is not None else None
            if record is None:
                continue
            for effect in record.effects:
                keep_shortest(best, effect.prefixed(via), 1)
            for edge_via, relative, attribute in record.foreign:
                target = self.lookup_function(self.root / relative, attribute)
                if target is None or target.is_coroutine or target.is_generator:
                    continue  # calling either runs none of its body there
                key = (target.path, target.name)
                if key not in seen:
                    seen.add(key)
                    queue.append((key, (*via, *edge_via)))
        self._reachable[start] = best
        return best
