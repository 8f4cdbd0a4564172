"""Writing commissioning insights out: one self-contained HTML page (charts embedded as PNG,
from templates/report.html) and one CSV per table. Only suppressed figures are written (see
services.insights)."""

from __future__ import annotations

import base64
import csv
import io
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from badge_core.services.insights import Insights

# The report's template, next to this module; the web dashboard's page extends it.
TEMPLATES = Path(__file__).with_name("templates")
templates = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,  # every name, title and cell is escaped by the template
    undefined=StrictUndefined,
)


def _chart(title: str, series: list[tuple[str, int]]) -> str:
    """A bar chart as a data: URI; weeks with fewer than 5 are drawn as 0 and marked."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    from badge_core.services.suppression import THRESHOLD

    labels = [week[5:] for week, _ in series]
    values = [n if n >= THRESHOLD else 0 for _, n in series]
    figure, axes = plt.subplots(figsize=(7, 2.6), dpi=100)
    axes.bar(labels, values, color="#2a7f62")
    axes.set_title(
        title
        + (" (weeks under 5 shown as 0)" if any(0 < n < THRESHOLD for _, n in series) else ""),
        fontsize=10,
    )
    axes.tick_params(axis="x", labelrotation=45, labelsize=7)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def report_context(insights: Insights) -> dict[str, Any]:
    """What templates/report.html shows: the charts (drawn here) and the suppressed tables.
    The web dashboard renders the same template with the same context."""
    return {
        "city": insights.city_name,
        "period": f"{insights.start:%d %b %Y} to {insights.end:%d %b %Y}",
        "charts": [
            {"title": title, "src": _chart(title, series)}
            for title, series in insights.weekly.items()
            if series
        ],
        "tables": [
            {"name": t.name, "title": t.title, "columns": t.columns, "rows": t.shown()}
            for t in insights.tables
        ],
    }


def render_html(insights: Insights) -> str:
    """The report page."""
    return templates.get_template("report.html").render(report_context(insights))


def write_report(insights: Insights, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in insights.tables:
        path = folder / f"{table.name}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(table.columns)
            writer.writerows(table.shown())
        written.append(path)
    page = folder / "index.html"
    page.write_text(render_html(insights), encoding="utf-8")
    return [page, *written]
