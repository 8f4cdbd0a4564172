"""Small numbers suppressed in every published table: no count of fewer than five young
people can be read, directly or by subtraction.

Every count below ``THRESHOLD`` is shown as "<5". Where a table has a total, a column with
exactly one suppressed cell has its next smallest cell suppressed too (secondary
suppression), so no hidden count can be recovered by subtraction.
"""

from __future__ import annotations

from dataclasses import dataclass

THRESHOLD = 5
SUPPRESSED = "<5"


@dataclass
class Table:
    name: str  # file stem of its CSV
    title: str
    columns: list[str]
    rows: list[list[str | int]]
    counts: int  # the last ``counts`` columns are counts
    total: bool = True

    def shown(self) -> list[list[str | int]]:
        """Rows as published: small counts suppressed, and a total row if the table has one."""
        return suppress(self)


def suppress(table: Table) -> list[list[str | int]]:
    first_count = len(table.columns) - table.counts
    hidden = [
        [isinstance(v, int) and 0 < v < THRESHOLD for v in row[first_count:]] for row in table.rows
    ]
    if table.total:
        for col in range(table.counts):
            cells = [(row[first_count + col], i) for i, row in enumerate(table.rows)]
            if sum(hidden[i][col] for _, i in cells) == 1:
                visible = sorted(
                    (v, i) for v, i in cells if not hidden[i][col] and isinstance(v, int) and v > 0
                )
                if visible:
                    hidden[visible[0][1]][col] = True
    shown = [
        row[:first_count]
        + [
            SUPPRESSED if hide else value
            for value, hide in zip(row[first_count:], hidden[i], strict=True)
        ]
        for i, row in enumerate(table.rows)
    ]
    if table.total and table.rows:
        totals = [sum(int(row[first_count + c]) for row in table.rows) for c in range(table.counts)]
        label = ["Total"] + [""] * (first_count - 1)
        shown.append(label + [SUPPRESSED if 0 < t < THRESHOLD else t for t in totals])
    return shown
