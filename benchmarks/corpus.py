"""The pinned real-world corpus the benchmarks lint, fetched once into a cache folder.

Each entry is an sdist from PyPI at a fixed version and checksum; only the importable
package folder is kept (no tests, docs or examples), which gives about 300 files and
100 000 lines of the async-heavy code this linter is meant for. ``pip download`` fetches
them, so the same index settings as any install apply.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CACHE = HERE / ".cache"


@dataclass(frozen=True)
class Sdist:
    name: str
    version: str
    sha256: str
    package: str  # the package folder inside the unpacked sdist

    @property
    def filename(self) -> str:
        return f"{self.name}-{self.version}.tar.gz"


CORPUS = [
    Sdist("flask", "3.1.0", "5f873c5184c897c8d9d1b05df1e3d01b14910ce69607a117bd3277098a5836ac", "src/flask"),
    Sdist("quart", "0.20.0", "08793c206ff832483586f5ae47018c7e40bdd75d886fee3fabbdaa70c2cf505d", "src/quart"),
    Sdist("werkzeug", "3.1.3", "60723ce945c19328679790e3282cc758aa4a6040e4bb330f53d30fa546d44746", "src/werkzeug"),
    Sdist("jinja2", "3.1.5", "8fefff8dc3034e27bb80d67c671eb8a9bc424c0ef4c0826edbff304cceff43bb", "src/jinja2"),
    Sdist("httpx", "0.28.1", "75e98c5f16b0f35b567856f597f06ff2270a374470a5c2392242528e3e3e42fc", "httpx"),
    Sdist("starlette", "0.45.3", "2cbcba2a75806f8a41c722141486f37c28e30a0921c5f6fe4346cb0dcee1302f", "starlette"),
    Sdist("aiohttp", "3.11.11", "bb49c7f1e6ebf3821a42d81d494f538107610c3a705987f53068546b0e90303e", "aiohttp"),
    Sdist("asgiref", "3.8.1", "c343bd80a0bec947a9860adb4c432ffa7db769836c64238fc34bdc3fec84d590", "asgiref"),
    Sdist("hypercorn", "0.17.3", "1b37802ee3ac52d2d85270700d565787ab16cf19e1462ccfa9f089ca17574165", "src/hypercorn"),
]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _download(sdists: list[Sdist], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    missing = [s for s in sdists if not (folder / s.filename).exists()]
    if not missing:
        return
    print(f"downloading {len(missing)} sdists into {folder} ...", file=sys.stderr)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
         "--dest", str(folder), *(f"{s.name}=={s.version}" for s in missing)],
        check=True,
    )


# Kept beside the package so that each package is a project of its own, as in its sdist
# (the linter looks for these to find a project's root); setup.py is left out: not linted.
PROJECT_MARKERS = ("pyproject.toml", "setup.cfg")


def _extract_package(sdist: Sdist, archive: Path, target: Path) -> None:
    root = archive.name[: -len(".tar.gz")] + "/"
    package = root + sdist.package + "/"
    markers = {root + name for name in PROJECT_MARKERS}
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            keep = member.name in markers or (member.name.startswith(package) and member.name.endswith(".py"))
            if not member.isfile() or not keep:
                continue
            destination = partial / member.name[len(root):]
            destination.parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(member) as source:  # type: ignore[union-attr]
                destination.write_bytes(source.read())
    partial.rename(target)


def ensure_corpus(cache: Path = DEFAULT_CACHE) -> Path:
    """The corpus folder (one sub-folder per package), downloading what is missing."""
    sdists_folder, corpus = cache / "sdists", cache / "corpus"
    _download(CORPUS, sdists_folder)
    corpus.mkdir(parents=True, exist_ok=True)
    for sdist in CORPUS:
        archive = sdists_folder / sdist.filename
        if not archive.exists():
            # pip may spell the archive name differently (case, separators).
            candidates = [p for p in sdists_folder.iterdir()
                          if p.name.lower().replace("_", "-") == sdist.filename.lower()]
            if not candidates:
                raise SystemExit(f"pip did not produce {sdist.filename}")
            archive = candidates[0]
        actual = _sha256(archive)
        if actual != sdist.sha256:
            raise SystemExit(f"{archive.name}: sha256 {actual} is not the pinned {sdist.sha256}")
        target = corpus / f"{sdist.name}-{sdist.version}"
        if not target.exists():
            _extract_package(sdist, archive, target)
    return corpus


# The engine keeps module summaries on disk at each project root (project.py), flake8
# plugin included; a "cold" run starts without them, as a fresh CI checkout does.
LINTER_CACHE_FOLDER = ".flask_async_lint_cache"


def clear_linter_caches(root: Path) -> None:
    for folder in root.rglob(LINTER_CACHE_FOLDER):
        shutil.rmtree(folder, ignore_errors=True)


def python_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*.py") if p.is_file())


def describe(corpus: Path) -> dict[str, int]:
    files = python_files(corpus)
    lines = 0
    for path in files:
        with path.open("rb") as handle:
            lines += sum(1 for _ in handle)
    return {"files": len(files), "lines": lines}


if __name__ == "__main__":
    folder = ensure_corpus(Path(os.environ.get("FAL_BENCH_CACHE", DEFAULT_CACHE)))
    print(folder, describe(folder))
