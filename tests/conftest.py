"""Fixtures shared by the engine tests."""
from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def kennis_map(tmp_path: Path) -> Path:
    return tmp_path / "kennis"
