"""Lint many files for the CLI: in parallel across processes, with a results cache.

A file's findings depend on its own text, the settings, the enabled codes, the tool's
version — and, through cross-module analysis, on the other modules of its project. The
cache key holds all of these, the last as a fingerprint of the contents of the project's
Python files (their paths and a hash of their bytes: a size and a modification time can
stay the same across an edit, or be restored by a tool), so an unchanged tree is answered
from the cache alone and any change anywhere in the project makes every file be linted
again (the per-module summaries cache then makes that cheap). Reading and hashing the
project costs milliseconds per 100 000 lines, once per run.
"""
from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Iterable, Sequence

from . import __version__
from .project import CACHE_FOLDER, project_root, python_files_under
from .rule import Finding, Fix
from .settings import Settings

# Below this many files a process pool costs more to start than it saves.
PARALLEL_FROM = 16

Outcome = tuple  # (path, findings or None, error message or None)


def lint_one(path: str, settings: Settings, codes: frozenset[str]) -> Outcome:
    from .cli import SourceError, decode_source, lint_source

    try:
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise SourceError(f"cannot read: {error.strerror or error}") from None
        return path, lint_source(decode_source(data), path, settings, codes), None
    except SourceError as error:
        return path, None, str(error)


def _lint_chunk(chunk: list[str], settings: Settings, codes: frozenset[str]) -> list[Outcome]:
    return [lint_one(path, settings, codes) for path in chunk]



class ResultsCache:
    def __init__(self, folder: Path, settings: Settings, codes: frozenset[str]) -> None:
        self.folder = folder
        self.salt = f"{__version__}\0{settings!r}\0{sorted(codes)}"
        self._fingerprints: dict[Path | None, str] = {}

    def _fingerprint(self, path: str) -> str:
        root = project_root(_resolved(path))
        found = self._fingerprints.get(root)
        if found is None:
            digest = hashlib.sha256()
            if root is not None:
                for name in python_files_under(root):
                    file = Path(name)
                    try:
                        data = file.read_bytes()
                    except OSError:
                        continue
                    digest.update(f"{file}\0{len(data)}\0".encode("utf-8", "surrogatepass"))
                    digest.update(hashlib.sha256(data).digest())
            found = self._fingerprints[root] = digest.hexdigest()
        return found

    def key(self, path: str) -> str | None:
        try:
            data = Path(path).read_bytes()
        except OSError:
            return None
        digest = hashlib.sha256(self.salt.encode())
        digest.update(path.encode("utf-8", "surrogatepass"))
        digest.update(self._fingerprint(path).encode())
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str) -> list[Finding] | None:
        try:
            raw = json.loads((self.folder / f"{key}.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None
        try:
            return [Finding(**{**item, "fix": Fix(**item["fix"]) if item["fix"] else None}) for item in raw]
        except (TypeError, KeyError):
            return None

    def put(self, key: str, findings: list[Finding]) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder.parent / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# created by flask-async-lint\n*\n", "utf-8")
            temporary = self.folder / f"{key}.{os.getpid()}.tmp"
            temporary.write_text(json.dumps([asdict(f) for f in findings]), "utf-8")
            os.replace(temporary, self.folder / f"{key}.json")
        except OSError:
            pass  # a read-only checkout still lints, just without the cache


def _resolved(path: str) -> Path:
    """The absolute path; a symlink loop (read as an error later) is left unresolved."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):  # RuntimeError: a loop, before Python 3.13
        return Path(os.path.abspath(path))


def cache_folder_for(paths: Sequence[str]) -> Path:
    """Beside the first path's project (like ``.ruff_cache``), else in the current folder."""
    root = project_root(_resolved(paths[0]) / "_") if paths else None
    return (root or Path.cwd()) / CACHE_FOLDER / "results"


def lint_files(paths: Iterable[str], settings: Settings, codes: frozenset[str], jobs: int,
               use_cache: bool, cache_dir: str | None = None) -> list[Outcome]:
    """Outcomes in the order of ``paths``."""
    paths = list(paths)
    folder = Path(cache_dir) / "results" if cache_dir else cache_folder_for(paths)
    # FLASK_ASYNC_LINT_NO_CACHE turns off every cache, the module summaries' and this one
    use_cache = use_cache and not os.environ.get("FLASK_ASYNC_LINT_NO_CACHE")
    cache = ResultsCache(folder, settings, codes) if use_cache and paths else None
    outcomes: dict[str, Outcome] = {}
    keys: dict[str, str] = {}
    todo = []
    for path in paths:
        key = cache.key(path) if cache is not None else None
        cached = cache.get(key) if cache is not None and key is not None else None
        if cached is not None:
            outcomes[path] = (path, cached, None)
        else:
            todo.append(path)
            if key is not None:
                keys[path] = key
    if jobs > 1 and len(todo) >= PARALLEL_FROM:
        chunk_size = max(1, min(32, len(todo) // (jobs * 4)))
        chunks = [todo[i:i + chunk_size] for i in range(0, len(todo), chunk_size)]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for done in pool.map(_lint_chunk, chunks, [settings] * len(chunks), [codes] * len(chunks)):
                for outcome in done:
                    outcomes[outcome[0]] = outcome
    else:
        for path in todo:
            outcomes[path] = lint_one(path, settings, codes)
    if cache is not None:
        for path, key in keys.items():
            findings = outcomes[path][1]
            if findings is not None:
                cache.put(key, findings)
    return [outcomes[path] for path in paths]
