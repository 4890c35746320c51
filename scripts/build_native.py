"""Optional: compile the offline engine (``extractor/rules``) with mypyc.

    pip install -e '.[test]'                     # mypy, which ships mypyc
    python scripts/build_native.py            # build the .so files in place
    python scripts/build_native.py --clean    # back to pure Python

Pure Python stays the default and needs none of this: the compiled modules are
extension files (``extractor/rules/*.cpython-*.so``, ignored by git) next to the
``.py`` files, and Python imports an extension before a ``.py`` of the same name.
``--clean`` deletes them (do that after changing a ``.py`` file, or build again: a
stale ``.so`` shadows the source). Needs a C compiler and the Python headers.

Left interpreted: the modules whose classes mypyc cannot compile as they are:
``speech`` (a class with three bases), the mixins it joins (``direct``,
``reported``, ``layout``, ``clauses``: a compiled class can have no interpreted
subclass), ``document`` (``functools.cached_property`` caches nothing on a
compiled class); and ``engine``, the public `RulesEngine`, so that its methods
keep what ``inspect`` and asyncio read of them (``aextract`` a coroutine function,
``__qualname__``, signatures: ``tests/test_parity.py``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "extractor" / "rules"
INTERPRETED = {
    "__init__.py",
    "speech.py",
    "direct.py",
    "reported.py",
    "layout.py",
    "clauses.py",
    "document.py",
    "engine.py",
}


def compiled_files() -> list[Path]:
    """The extension files a build left in ``extractor/rules`` (and its shared library)."""
    return sorted(RULES.glob("*.so")) + sorted(ROOT.glob("*__mypyc*.so"))


def clean() -> None:
    for path in compiled_files():
        path.unlink()
        print(f"removed {path.relative_to(ROOT)}")


def build() -> None:
    from mypyc.build import mypycify
    from setuptools import setup  # type: ignore[import-untyped]

    modules = sorted(
        str(p.relative_to(ROOT)) for p in RULES.glob("*.py") if p.name not in INTERPRETED
    )
    os.chdir(ROOT)
    setup(
        name="extractor-rules-native",
        packages=[],
        py_modules=[],
        ext_modules=mypycify(modules, opt_level="3"),
        script_args=["build_ext", "--inplace", "--build-temp", "build/mypyc-temp"],
    )


def main() -> None:
    clean()
    if "--clean" not in sys.argv[1:]:
        build()


if __name__ == "__main__":
    main()
