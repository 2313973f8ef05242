"""The public surface stays explicit: every ``__all__`` names real things (ruff's RUF022 keeps it sorted)."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import groundswell

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(groundswell.__path__, "groundswell.")
    if ".migrations" not in info.name and not info.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_exported_names_exist(name: str) -> None:
    module = importlib.import_module(name)
    exported = list(getattr(module, "__all__", []))
    missing = [n for n in exported if not hasattr(module, n)]
    assert not missing, f"{name}.__all__ names missing objects: {missing}"
    assert len(set(exported)) == len(exported), f"{name}.__all__ names something twice"


def test_the_package_says_what_it_offers() -> None:
    assert groundswell.__all__ == ["__version__"] and groundswell.__version__
