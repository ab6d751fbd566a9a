"""The feedback page read offline in a real browser (Debian's chromium driven by Playwright), as a
downloaded feedback file is often read: nothing is fetched from the network, the maths is drawn,
and no line makes the reader scroll sideways, even in a narrow window.
"""

from __future__ import annotations

import pytest

from tests.pipeline.test_feedback_page import generate_feedback_page
from tests.services.test_browser import CHROMIUM_FLAGS, chromium, sync_api  # noqa: F401 (chromium: a fixture)

pytestmark = pytest.mark.slow

WIDTHS = (1280, 600)  # a laptop, and a window half as wide


@pytest.fixture(scope="module")
def offline_views(tmp_path_factory, chromium):  # noqa: F811 (the imported fixture)
    """{width: (urls the page tried to fetch, measurements taken in the page)} with the network cut."""
    page_path = generate_feedback_page(tmp_path_factory.mktemp("feedback_offline"))
    views = {}
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_FLAGS)
        for width in WIDTHS:
            fetched = []
            tab = browser.new_page(viewport={"width": width, "height": 900})

            def cut(route, fetched=fetched):
                if route.request.url.startswith("file:"):
                    return route.continue_()
                fetched.append(route.request.url)
                return route.abort()

            tab.route("**/*", cut)
            tab.goto(page_path.as_uri())
            views[width] = fetched, tab.evaluate(
                """() => ({
                    pageWidth: document.documentElement.scrollWidth,
                    windowWidth: document.documentElement.clientWidth,
                    sidewaysBoxes: Array.from(document.querySelectorAll('pre, .output_subarea'))
                        .filter(box => box.scrollWidth > box.clientWidth + 1).length,
                    formulas: document.querySelectorAll('math').length,
                    drawnFormulas: Array.from(document.querySelectorAll('math'))
                        .filter(m => m.getBoundingClientRect().width > 0).length,
                    rawTex: document.body.innerText.includes('\\\\partial'),
                })"""
            )
            tab.close()
        browser.close()
    return views


@pytest.mark.parametrize("width", WIDTHS)
def test_the_page_fetches_nothing_from_the_network(offline_views, width):
    fetched, _ = offline_views[width]
    assert fetched == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_maths_is_drawn_offline(offline_views, width):
    _, seen = offline_views[width]
    assert seen["formulas"] > 50 and seen["drawnFormulas"] == seen["formulas"] and not seen["rawTex"], seen


@pytest.mark.parametrize("width", WIDTHS)
def test_no_line_scrolls_sideways(offline_views, width):
    _, seen = offline_views[width]
    assert seen["pageWidth"] <= seen["windowWidth"] and seen["sidewaysBoxes"] == 0, seen
