"""A font for Korean in the report's PNG plots: NanumGothic, shipped by the PyPI package koreanize-matplotlib.

Only the font file is used (importing that package would restyle every figure of the
process). matplotlib falls back glyph by glyph along ``font.family``: Latin text keeps its
default look, Hangul comes from NanumGothic.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

from matplotlib import font_manager

FONT_PACKAGE = "koreanize_matplotlib"
FONT_FILE = "NanumGothic.ttf"


@lru_cache(maxsize=None)
def font_families() -> tuple[str, ...]:
    """``font.family`` for figures that may hold Korean: the default sans-serif, then NanumGothic.

    Raises RuntimeError naming the package to install when the font is not there.
    """
    spec = importlib.util.find_spec(FONT_PACKAGE)  # finds the package without running its restyling
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / FONT_FILE if spec else None
    if path is None or not path.is_file():
        raise RuntimeError(f"no {FONT_FILE} for Korean plot labels: pip install koreanize-matplotlib (a dependency in pyproject.toml)")
    font_manager.fontManager.addfont(str(path))
    return ("DejaVu Sans", font_manager.FontProperties(fname=str(path)).get_name())


def korean_capable():
    """A context (``matplotlib.rc_context``) in which new figures and texts can show Hangul."""
    import matplotlib

    return matplotlib.rc_context({"font.family": list(font_families())})
