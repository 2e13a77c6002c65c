"""plotly.js inserts its base stylesheet as an inline <style>, which the pages' strict CSP
refuses. plotly.js skips that when the page already holds an element with the id
`plotly.js-style-global` and the class `no-inline-styles`; this module writes those rules as a
stylesheet, read from the installed plotly.min.js itself (the rules object and the selector
substitution it applies), so the stylesheet always matches the script."""

import functools
import re
from pathlib import Path

import plotly

SCRIPT = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
START = '{"X,X div":'
PLOT, NOTIFIER = ".js-plotly-plot .plotly", ".plotly-notifier"


class PlotlyCssError(ValueError):
    pass


def _string(text: str, i: int) -> tuple[str, int]:
    quote = text[i]
    if quote not in "\"'":
        raise PlotlyCssError(f"expected a string at {i}")
    out, i = [], i + 1
    while text[i] != quote:
        if text[i] == "\\":
            out.append(text[i + 1])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out), i + 1


def rules(source: str) -> list[tuple[str, str]]:
    """The (selector, declarations) pairs of the object literal starting at START."""
    i = source.find(START)
    if i < 0:
        raise PlotlyCssError("plotly's style rules were not found")
    i += 1
    found = []
    while True:
        bare = re.match(r"[A-Za-z_$][\w$]*", source[i:])  # an unquoted key (Y:…)
        key, i = (bare.group(0), i + bare.end()) if bare else _string(source, i)
        if source[i] != ":":
            raise PlotlyCssError(f"expected ':' at {i}")
        value, i = _string(source, i + 1)
        selector = re.sub(r"^,", " ,", key).replace("X", PLOT).replace("Y", NOTIFIER)
        found.append((selector, value))
        if source[i] == "}":
            return found
        if source[i] != ",":
            raise PlotlyCssError(f"expected ',' at {i}")
        i += 1


@functools.cache
def stylesheet() -> str:
    pairs = rules(SCRIPT.read_text(encoding="utf-8"))
    return "\n".join(f"{selector}{{{declarations}}}" for selector, declarations in pairs) + "\n"


@functools.cache
def bundled_style_ids() -> list[str]:
    """Ids of the other stylesheets the bundle injects once (MapLibre's, for map traces, which
    these dashboards do not draw): the script skips them when an element with the id exists,
    so the pages carry an empty placeholder for each."""
    source = SCRIPT.read_text(encoding="utf-8")
    return re.findall(
        r'getElementById\("([0-9a-f]{16,})"\)\)\{var \w+=document\.createElement\("style"\)',
        source,
    )
