"""The built site in a real browser (headless Chromium through Selenium), as a reader uses it.

Checked: one page of each kind in each language (``pages_to_load``) loads without console
errors and requests nothing from another host; math is typeset and no raw TeX is left; images
(the figures) load; the language switcher, clicked, lands on the same loss in the other
language; search finds pages in English and Chinese; a code block's copy button copies code
that runs; the first load of a loss page stays within a byte budget and loads no library the
page does not use. The browser's work runs in a thread of its own, in one browser, started
as soon as the site is built (while the suite's other tests run): each test checks what its
visit saw. Visits that do not search get an empty search index. Screenshots and a summary go
to ``build/screenshots/``. Skipped only when Chromium, its driver or selenium is missing (`bash
.ci/dev setup` installs them).
"""

from __future__ import annotations

import atexit
import functools
import http.server
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from lossref.registry import FAMILIES, LOSSES
from tests._background import WHEN_BUILT
from tests.conftest import REPO, Build

SCREENSHOTS = REPO / "build" / "screenshots"
CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)
CHROMEDRIVER = shutil.which("chromedriver")
# First load of a loss page, all files counted (HTML, CSS, JS, KaTeX fonts, figure, search
# index). Measured 2026-11: about 0.9 MB; the budget leaves room for content, not a library.
PAGE_WEIGHT_BUDGET = 2_000_000
# What a page may load: Material's bundle, CSS and search worker, KaTeX and its fonts, the
# site's own scripts, figures and favicon, the search index, the page itself; mkdocstrings'
# stylesheet (a few hundred bytes on every page).
ALLOWED_RESOURCE = re.compile(
    r"/(assets/javascripts/(bundle\.[0-9a-f]+\.min\.js|workers/search\.[0-9a-f]+\.min\.js"
    r"|katex-init\.js)|assets/stylesheets/(main|palette)\.[0-9a-f]+\.min\.css"
    r"|assets/katex/(katex\.min\.(js|css)|fonts/KaTeX_[\w-]+\.woff2)"
    r"|assets/figures/[\w.-]+\.svg|assets/images/favicon\.png|search/search_index\.json"
    r"|(zh/)?losses/\w+/|assets/_mkdocstrings\.css)$"
)
# Material copies with clipboard.js (a hidden textarea and execCommand("copy")) or the
# Clipboard API; both are intercepted so the test reads exactly what the reader would paste.
CAPTURE_COPY = """
window.__copied = [];
const execCommand = document.execCommand.bind(document);
document.execCommand = (command, ...rest) => {
  if (command === "copy") {
    const area = document.activeElement instanceof HTMLTextAreaElement
      ? document.activeElement : [...document.querySelectorAll("textarea")].pop();
    window.__copied.push(area ? area.value : String(document.getSelection()));
  }
  return execCommand(command, ...rest);
};
if (navigator.clipboard) {
  navigator.clipboard.writeText = (text) => {
    window.__copied.push(text);
    return Promise.resolve();
  };
}
"""
IMAGES_COMPLETE = "return [...document.images].every(i => i.complete)"
RAW_TEX = """
const article = document.querySelector("article").cloneNode(true);
article.querySelectorAll("pre, code, .katex, script").forEach((node) => node.remove());
const text = article.textContent;
return ["$", "\\\\(", "\\\\[", "\\\\frac", "\\\\begin"].filter((tex) => text.includes(tex));
"""

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="no Chromium and chromedriver on PATH: install them with `bash .ci/dev setup` "
    "(apt-get install chromium chromium-driver fonts-noto-cjk)",
)


@pytest.fixture(scope="module")
def site(build: Build) -> Path:
    assert build.returncode == 0, build.log
    return build.site


@contextmanager
def served(site: Path, empty_search_index: bool) -> Iterator[str]:
    """The address of ``site`` served on a free local port, from a thread. With
    ``empty_search_index`` the search index is answered with no documents (the same config):
    see ``Servers``."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            if empty_search_index and self.path.endswith("search/search_index.json"):
                index = json.loads((site / "search" / "search_index.json").read_bytes())
                body = json.dumps({**index, "docs": []}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            super().do_GET()

    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def open_browser(profile: Path) -> Any:
    """Headless Debian Chromium through chromedriver, with a fresh profile in ``profile``."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1000",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CAPTURE_COPY})
    driver.set_page_load_timeout(30)
    return driver


@pytest.fixture(scope="module")
def report() -> Iterator[dict[str, Any]]:
    """Facts gathered by the tests, written to build/screenshots/summary.md at the end."""
    facts: dict[str, Any] = {}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    yield facts
    write_summary(facts)


def wait(condition: Any, timeout: float = 15.0, interval: float = 0.05) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)


def network(driver: Any) -> list[dict[str, Any]]:
    """The Network.* messages of the performance log since the last call."""
    messages = [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]
    return [message for message in messages if message["method"].startswith("Network.")]


def settle(driver: Any) -> None:
    """Wait until Material has started and KaTeX has typeset every formula."""
    wait(
        lambda: driver.execute_script(
            "return document.readyState === 'complete' && "
            "[...document.querySelectorAll('.arithmatex')].every(e => e.querySelector('.katex'))"
        )
    )


def built_pages(site: Path) -> list[str]:
    return sorted(
        path.relative_to(site).as_posix().removesuffix("index.html")
        for path in site.rglob("index.html")
    )


def page_kind(page: str) -> str:
    """Pages of one kind share a template and the site's scripts: the pages of a section
    (``concepts/*/``, ``tutorials/*/``, ``reference/*/``), the loss pages of a family; each
    other page (home, a section's index, Mistakes, Performance, ...) is a kind of its own."""
    path = page.removeprefix("zh/")
    parts = path.split("/")
    if parts[0] == "losses" and len(parts) > 2:
        return f"losses of the family {LOSS_FAMILY[parts[1]]}"
    return f"{parts[0]}/*/" if len(parts) > 2 else path


LOSS_FAMILY = {spec.id: spec.family for spec in LOSSES}


def pages_to_load(site: Path) -> list[str]:
    """One page of each kind (``page_kind``) in each language: the kind's first page in
    English, its last in Chinese. What differs from one page of a kind to the next (formulas,
    raw TeX, images, links, requests) is checked on every page without a browser
    (tests/test_site_build.py), and a page load costs about a CPU-second on 2 cores."""
    chosen: dict[tuple[str, str], str] = {}
    for page in built_pages(site):
        language = "zh" if page.startswith("zh/") else "en"
        key = (language, page_kind(page))
        if language == "zh" or key not in chosen:
            chosen[key] = page
    return sorted(chosen.values())


def test_one_page_of_each_kind_is_loaded(tmp_path: Path) -> None:
    pages = ["", "concepts/a/", "concepts/b/", "losses/", "losses/dice_loss/"]
    pages += ["losses/huber_loss/", "losses/mse_loss/", "performance/"]
    for page in pages + [f"zh/{page}" for page in pages]:
        (tmp_path / page).mkdir(parents=True, exist_ok=True)
        (tmp_path / page / "index.html").write_text("<html></html>")
    assert pages_to_load(tmp_path) == [
        *["", "concepts/a/", "losses/", "losses/dice_loss/", "losses/huber_loss/"],
        *["performance/", "zh/", "zh/concepts/b/", "zh/losses/", "zh/losses/dice_loss/"],
        *["zh/losses/mse_loss/", "zh/performance/"],
    ]


# --- what the browser does: visits, in a thread of their own -------------------------------
#
# Each visit drives the browser and returns what it saw; the tests below check it. The visits
# run one after the other in one browser, in a thread started as soon as the site is built
# (tests/conftest.py calls ``start_visits``), so that Chromium works while the suite's other
# tests run; a test waits only for its own visit.


@dataclass(frozen=True)
class Servers:
    """The site on two local ports: ``plain`` answers the search index with no documents
    (Material's search worker rebuilds the whole index on every page load, most of a
    CPU-second); ``search`` serves the site as built, for the visits that load or use search."""

    plain: str
    search: str


Visit = Callable[[Any, Servers], Any]


def first_load(browser: Any, servers: Servers) -> dict[str, Any]:
    """Runs first, on an empty cache: what a reader's first visit downloads."""
    network(browser)
    browser.get(servers.search + "losses/huber_loss/")
    settle(browser)
    time.sleep(1.0)  # the search worker fetches the index after load
    messages = network(browser)
    urls = {
        m["params"]["requestId"]: m["params"]["request"]["url"]
        for m in messages
        if m["method"] == "Network.requestWillBeSent"
    }
    sizes = {
        m["params"]["requestId"]: m["params"]["encodedDataLength"]
        for m in messages
        if m["method"] == "Network.loadingFinished"
    }
    return {
        "loaded": sorted(urlsplit(url).path for url in urls.values() if url.startswith("http")),
        "weight": sum(sizes.values()),
        "weight_files": [
            (urlsplit(urls[rid]).path, size) for rid, size in sorted(sizes.items()) if rid in urls
        ],
    }


def page_problems(browser: Any, servers: Servers, page: str) -> tuple[list[str], bool]:
    """Load ``page`` and check it: no console error, no request to another host, every image
    loaded, math typeset and no raw TeX left, KaTeX loaded only where there is math, and on a
    loss page a loaded figure with alt text. Returns the problems and whether it has math."""
    problems = []
    server = servers.plain
    network(browser)
    browser.get(server + page)
    settle(browser)
    if not wait(lambda: browser.execute_script(IMAGES_COMPLETE), timeout=5):
        problems.append(f"{page}: images still loading")
    broken = browser.execute_script(
        "return [...document.images].filter(i => !(i.naturalWidth > 0)).map(i => i.src)"
    )
    problems += [f"{page}: image did not load: {src}" for src in broken]
    errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    problems += [f"{page}: console: {message}" for message in errors]
    requested = []
    host = urlsplit(server).netloc
    for message in network(browser):
        if message["method"] == "Network.requestWillBeSent":
            url = urlsplit(message["params"]["request"]["url"])
            requested.append(url.path)
            if url.scheme not in ("data", "blob") and url.netloc != host:
                problems.append(f"{page}: request to another host: {url.geturl()}")
    raw = browser.execute_script(RAW_TEX)
    problems += [f"{page}: raw TeX left in the text: {tex!r}" for tex in raw]
    has_math = browser.execute_script("return document.querySelector('.arithmatex') !== null")
    if has_math:
        if not browser.execute_script("return document.querySelector('.katex') !== null"):
            problems.append(f"{page}: math not typeset")
    elif any("/assets/katex/" in path for path in requested):
        problems.append(f"{page}: loads KaTeX but has no math")
    if page.startswith(("losses/", "zh/losses/")) and page.count("/") >= 2:
        figure = browser.execute_script(
            "const i = document.querySelector('figure.lossref-figure img');"
            "return i && [i.naturalWidth, i.alt]"
        )
        if not figure or not figure[0] or not figure[1]:
            problems.append(f"{page}: no loaded figure with alt text")
    return problems, bool(has_math)


def open_language_menu_and_pick(browser: Any, language: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    button = browser.find_element(By.CSS_SELECTOR, ".md-select button[aria-label]")
    ActionChains(browser).move_to_element(button).perform()  # the menu opens on hover/focus
    link = browser.find_element(By.CSS_SELECTOR, f'.md-select__link[hreflang="{language}"]')
    wait(link.is_displayed, timeout=5)
    ActionChains(browser).move_to_element(button).move_to_element(link).click(link).perform()


SWITCHES = [  # from, to the language, expected landing
    ("losses/cross_entropy/", "zh", "zh/losses/cross_entropy/"),
    ("zh/losses/dice_loss/", "en", "losses/dice_loss/"),
    ("tutorials/house_prices/", "zh", "zh/tutorials/house_prices/"),  # a notebook page
]


def switch_language(
    browser: Any, servers: Servers, start: str, language: str, landing: str
) -> tuple[str, str]:
    """Where the language menu of ``start`` leads (waiting up to 10 s for ``landing``), and
    the language of the page there."""
    browser.get(servers.plain + start)
    settle(browser)
    open_language_menu_and_pick(browser, language)
    wait(lambda: browser.current_url == servers.plain + landing, timeout=10)
    return (
        browser.current_url.removeprefix(servers.plain),
        browser.execute_script("return document.documentElement.lang"),
    )


SEARCHES = [  # on the page, the query, a page it must find
    ("", "cross entropy", "losses/cross_entropy/"),
    ("zh/", "交叉熵", "zh/losses/cross_entropy/"),
    ("zh/", "均方误差", "zh/losses/mse_loss/"),
]


def search(browser: Any, servers: Servers, start: str, query: str, expected: str) -> list[str]:
    """The pages the header's search lists for ``query`` (waiting up to 20 s for
    ``expected``), as paths from the site's root."""
    from selenium.webdriver.common.by import By

    browser.get(servers.search + start)
    settle(browser)
    field = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
    field.click()  # the header's search field (on a narrow window: its button opens it)
    field.send_keys(query)

    def found() -> list[str]:
        links = browser.execute_script(
            "return [...document.querySelectorAll('.md-search-result__link')].map(a => a.href)"
        )
        return [urlsplit(link).path.removeprefix("/") for link in links]

    wait(lambda: expected in found(), timeout=20)
    return found()


def copy_first_block(browser: Any, servers: Servers) -> list[str]:
    """What the copy button of the Huber page's first code block (the Intuition section's
    comparison script) puts on the clipboard."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.get(servers.plain + "losses/huber_loss/")
    settle(browser)
    block = next(
        element
        for element in browser.find_elements(By.CSS_SELECTOR, "article div.highlight")
        if "import lossref" in element.text
    )
    copy = "button[data-md-type=copy], button.md-clipboard"  # Material 9.8, and before it
    button = wait(lambda: block.find_elements(By.CSS_SELECTOR, copy), 5)[0]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", block)
    ActionChains(browser).move_to_element(block).move_to_element(button).click(button).perform()
    copied: list[str] = wait(lambda: browser.execute_script("return window.__copied"), 5)
    return copied


SHOTS = {
    "home-en.png": "",
    "loss-huber-en.png": "losses/huber_loss/",
    "loss-huber-zh.png": "zh/losses/huber_loss/",
    "concept-reduction-en.png": "concepts/reduction/",
    "losses-overview-zh.png": "zh/losses/",
}
DARK_SHOT = "loss-huber-en-dark.png"


def screenshots(browser: Any, servers: Servers) -> str:
    """``SHOTS`` saved in ``SCREENSHOTS``, a loss page from its Intuition section (where the
    figure is); then the Huber page switched to the dark scheme with the header toggle, as a
    reader does, saved as ``DARK_SHOT``. Returns the colour scheme the page then has."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, page in SHOTS.items():
        browser.get(servers.plain + page)
        settle(browser)
        browser.execute_script(
            "const figure = document.querySelector('article h2 + figure.lossref-figure');"
            "figure?.previousElementSibling.scrollIntoView()"
        )
        browser.save_screenshot(str(SCREENSHOTS / name))
    browser.get(servers.plain + "losses/huber_loss/")
    settle(browser)
    toggle = next(
        label
        for label in browser.find_elements("css selector", "form[data-md-component=palette] label")
        if label.is_displayed()
    )
    toggle.click()
    wait(lambda: browser.execute_script("return document.body.dataset.mdColorScheme") == "slate")
    browser.execute_script(
        "document.querySelector('figure.lossref-figure').scrollIntoView({block: 'center'})"
    )
    time.sleep(0.3)
    browser.save_screenshot(str(SCREENSHOTS / DARK_SHOT))
    scheme: str = browser.execute_script("return document.body.dataset.mdColorScheme")
    return scheme


def visits_of(site: Path) -> dict[str, Visit]:
    """Every visit of ``site``, in the order they run, by name. The first load runs first, on
    an empty cache."""
    every: dict[str, Visit] = {"first load": first_load}
    for page in pages_to_load(site):
        every[f"page {page}"] = functools.partial(page_problems, page=page)
    for start, language, landing in SWITCHES:
        every[f"switch {start} {language}"] = functools.partial(
            switch_language, start=start, language=language, landing=landing
        )
    for start, query, expected in SEARCHES:
        every[f"search {start} {query}"] = functools.partial(
            search, start=start, query=query, expected=expected
        )
    every["copy"] = copy_first_block
    every["screenshots"] = screenshots
    return every


def run_visits(site: Path, futures: dict[str, Future[Any]]) -> None:
    """Each visit of ``futures`` in one fresh browser; its future gets what it returned or
    what it raised, and the next one runs. A cancelled visit is skipped."""
    profile = Path(tempfile.mkdtemp(prefix="lossref-chromium-"))
    try:
        browser = open_browser(profile)
        try:
            with served(site, True) as plain, served(site, False) as searchable:
                servers = Servers(plain, searchable)
                for name, visit in visits_of(site).items():
                    if not futures[name].set_running_or_notify_cancel():
                        continue  # the session is ending
                    try:
                        futures[name].set_result(visit(browser, servers))
                    except Exception as error:
                        futures[name].set_exception(error)
        finally:
            browser.quit()
    except Exception as error:  # the browser or a server did not start
        for future in futures.values():
            if not future.done():
                future.set_exception(error)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


VISITS: dict[Path, dict[str, Future[Any]]] = {}
VISITS_TIMEOUT = 600  # seconds; all the visits take about a minute on 2 busy cores


def visits(site: Path) -> dict[str, Future[Any]]:
    """The visits of ``site`` by name, started in a thread the first time."""
    if site not in VISITS:
        futures: dict[str, Future[Any]] = {name: Future() for name in visits_of(site)}
        thread = threading.Thread(target=run_visits, args=(site, futures), daemon=True)
        thread.start()
        atexit.register(stop_visits, thread, futures)
        VISITS[site] = futures
    return VISITS[site]


def stop_visits(thread: threading.Thread, futures: dict[str, Future[Any]]) -> None:
    """At exit, also when the session ends early (``-x``, Ctrl-C): cancel the visits not yet
    started and wait for the one under way, so that the browser is closed, not left behind."""
    for future in futures.values():
        future.cancel()
    thread.join(timeout=VISITS_TIMEOUT)


def visited(site: Path, name: str) -> Any:
    """What visit ``name`` of ``site`` returned, or raises what it raised. Skips the test when
    selenium is missing (here, in the test's thread: the visits' thread cannot skip)."""
    pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    return visits(site)[name].result(timeout=VISITS_TIMEOUT)


def start_visits(build: Build) -> None:
    """Called by tests/conftest.py as soon as the site is built, while other tests still run."""
    if build.returncode == 0 and CHROMIUM and CHROMEDRIVER and find_spec("selenium"):
        visits(build.site)


WHEN_BUILT.append(start_visits)


# --- the tests ------------------------------------------------------------------------------


def test_first_load_of_a_loss_page_is_light(site: Path, report: dict) -> None:
    facts = visited(site, "first load")
    report.update(facts)
    unexpected = [path for path in facts["loaded"] if not ALLOWED_RESOURCE.search(path)]
    assert unexpected == [], f"the page loads files it has no use for: {unexpected}"
    assert any("/assets/figures/huber_loss.en.svg" in path for path in facts["loaded"])
    assert 0 < facts["weight"] < PAGE_WEIGHT_BUDGET, facts["weight_files"]


def test_every_page_loads_cleanly(site: Path, report: dict) -> None:
    pages = pages_to_load(site)
    checked = [visited(site, f"page {page}") for page in pages]
    report["pages"] = len(pages)
    report["math_pages"] = sum(has_math for _, has_math in checked)
    assert len(pages) >= 2 * (len(FAMILIES) + 2)
    assert [problem for problems, _ in checked for problem in problems] == []
    assert report["math_pages"] > len(FAMILIES)


@pytest.mark.parametrize(("start", "language", "landing"), SWITCHES)
def test_language_switcher_keeps_the_page(
    site: Path, start: str, language: str, landing: str
) -> None:
    assert visited(site, f"switch {start} {language}") == (landing, language)


@pytest.mark.parametrize(("start", "query", "expected"), SEARCHES)
def test_search_finds_the_page(
    site: Path, start: str, query: str, expected: str, report: dict
) -> None:
    found = visited(site, f"search {start} {query}")
    report.setdefault("search", []).append((query, len(set(found))))
    assert expected in found


def test_copy_button_copies_code_that_runs(site: Path, report: dict) -> None:
    copied = visited(site, "copy")
    assert copied, "the copy button copied nothing"
    code = copied[-1]
    assert "import" in code
    assert "lossref" in code
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    expected = (REPO / "snippets" / "huber_loss" / "compare.out").read_text(encoding="utf-8")
    assert result.stdout.strip() == expected.strip()
    report["copied"] = code.count("\n") + 1


def test_screenshots(site: Path, report: dict) -> None:
    assert visited(site, "screenshots") == "slate", "the dark-scheme toggle did not switch"
    report["screenshots"] = [*SHOTS, DARK_SHOT]
    assert all((SCREENSHOTS / name).stat().st_size > 10_000 for name in report["screenshots"])


def write_summary(facts: dict[str, Any]) -> None:
    lines = [
        "# Browser check of the built site",
        "",
        "Written by `tests/test_browser.py` (headless Chromium, the site served on 127.0.0.1).",
        "",
        f"- Pages loaded, both languages: {facts.get('pages', 'not run')} (one page of each "
        "kind in each language: a section's pages, a family's loss pages); each with no console "
        "error, no request to another host, no raw TeX left in the text, every image loaded "
        f"(loss pages: their figure, with alt text). Pages with math: {facts.get('math_pages')}.",
        "- Language switcher, opened and clicked: cross-entropy en → zh, Dice zh → en.",
        "- Search (results found for the query): "
        + ", ".join(f"{q!r} ({n} pages)" for q, n in facts.get("search", [])),
        f"- Copy button: the first Python block of the Huber page ({facts.get('copied')} lines)"
        " copied, run with `python -c`, exit 0 and its output as documented.",
    ]
    if "weight" in facts:
        lines.append(
            f"- First load of `losses/huber_loss/` (empty cache): {facts['weight'] / 1000:.0f} kB "
            f"transferred (budget {PAGE_WEIGHT_BUDGET / 1000:.0f} kB):"
        )
        lines += [f"    - `{path}`: {size / 1000:.1f} kB" for path, size in facts["weight_files"]]
    lines.append(f"- Screenshots: {', '.join(facts.get('screenshots', []))}")
    (SCREENSHOTS / "summary.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
