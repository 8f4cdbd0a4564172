"""Writing commissioning insights out: one self-contained HTML page (charts embedded as PNG)
and one CSV per table. Only suppressed figures are written (see services.insights)."""

from __future__ import annotations

import base64
import csv
import html
import io
from pathlib import Path

from badge_core.services.insights import Insights, Table


def _chart(title: str, series: list[tuple[str, int]]) -> str:
    """A bar chart as a data: URI; weeks with fewer than 5 are drawn as 0 and marked."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    from badge_core.services.insights import THRESHOLD

    labels = [week[5:] for week, _ in series]
    values = [n if n >= THRESHOLD else 0 for _, n in series]
    figure, axes = plt.subplots(figsize=(7, 2.6), dpi=100)
    axes.bar(labels, values, color="#2a7f62")
    axes.set_title(title + (" (weeks under 5 shown as 0)" if any(0 < n < THRESHOLD for _, n in series) else ""), fontsize=10)
    axes.tick_params(axis="x", labelrotation=45, labelsize=7)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _table_html(table: Table) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in table.columns)
    rows = table.shown()
    if not rows:
        body = f'<tr><td colspan="{len(table.columns)}"><em>No data in this period.</em></td></tr>'
    else:
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>" for row in rows
        )
    return (
        f"<h2>{html.escape(table.title)}</h2>"
        f'<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
        f'<p class="csv">Download: <a href="{table.name}.csv">{table.name}.csv</a></p>'
    )


def render_html(insights: Insights, controls: str = "") -> str:
    """The report page; ``controls`` is trusted markup the web dashboard puts under the title."""
    charts = "".join(
        f'<img alt="{html.escape(title)} by week" src="{_chart(title, series)}">'
        for title, series in insights.weekly.items()
        if series
    )
    period = f"{insights.start:%d %b %Y} to {insights.end:%d %b %Y}"
    tables = "".join(_table_html(t) for t in insights.tables)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(insights.city_name)} Cities of Learning: insights</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; color: #1d2b24; }}
table {{ border-collapse: collapse; margin: .5rem 0; }}
th, td {{ border: 1px solid #c9d6cf; padding: .25rem .6rem; text-align: left; }}
th {{ background: #eef5f1; }} td:last-child, th:last-child {{ text-align: right; }}
img {{ display: block; margin: .5rem 0; }} .csv {{ font-size: .85rem; }}
form {{ display: inline-block; margin: 0 1rem .5rem 0; }}
</style></head><body>
<h1>{html.escape(insights.city_name)}: commissioning insights</h1>
{controls}
<p>{period}. All figures are counts of pseudonymous learners or events. Any count under 5 is
shown as "&lt;5", and where a total could reveal it another cell is hidden too. Interests
appear only when at least 5 different young people asked for the same thing.</p>
{charts}{tables}
</body></html>
"""


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
