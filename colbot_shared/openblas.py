"""OpenBLAS told which of its kernels suit this CPU, where it is too old to recognise it.

The Rasa runtime's numpy is 1.23 (TensorFlow 2.12 keeps it below 1.24), and the OpenBLAS
inside it (0.3.20) does not know recent Xeons such as this machine's: it falls back to its
slowest kernels ("Prescott", SSE3 only), and the safeguarding detector's sentence model
(colbot_shared/minilm.py) multiplied its matrices four times slower there than under the
action runtime's numpy 2 on the same CPU. OpenBLAS reads the kernel to use from
``OPENBLAS_CORETYPE`` once, as it loads, so ``choose`` must run before anything imports
numpy: a ``.pth`` file in the environment's site-packages calls it as the interpreter
starts (``python -m colbot_shared.openblas install``, run by `make envs` and the Rasa
image for the Rasa runtime only; the action runtime's OpenBLAS recognises the CPU itself).

A kernel is named only for a CPU whose flags show every instruction it uses, so the choice
can make OpenBLAS faster but never make it fail; a ``OPENBLAS_CORETYPE`` already set is kept.
"""

from __future__ import annotations

import os
import site
import sys
from collections.abc import MutableMapping
from pathlib import Path

VARIABLE = "OPENBLAS_CORETYPE"
CPUINFO = Path("/proc/cpuinfo")
PTH_FILE = "colbot-openblas.pth"
# the fastest first, each with the instruction sets its kernels use
KERNELS = (
    ("SkylakeX", frozenset({"avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"})),
    ("Haswell", frozenset({"avx2", "fma"})),
)


def cpu_flags(cpuinfo: Path = CPUINFO) -> frozenset[str]:
    """The first CPU's flags, as the kernel lists them (none where it cannot be read)."""
    try:
        with cpuinfo.open(encoding="ascii", errors="replace") as lines:
            for line in lines:
                name, _, value = line.partition(":")
                if name.strip() == "flags":
                    return frozenset(value.split())
    except OSError:
        pass
    return frozenset()


def kernel(flags: frozenset[str]) -> str | None:
    """The fastest kernel whose instructions the CPU has; None leaves OpenBLAS to choose."""
    return next((name for name, needs in KERNELS if needs <= flags), None)


def choose(environ: MutableMapping[str, str] = os.environ, cpuinfo: Path = CPUINFO) -> None:
    if VARIABLE not in environ and (name := kernel(cpu_flags(cpuinfo))) is not None:
        environ[VARIABLE] = name


def install(site_packages: Path) -> Path:
    """Write the ``.pth`` file that calls ``choose`` as this environment's Python starts."""
    path = site_packages / PTH_FILE
    path.write_text("import colbot_shared.openblas as blas; blas.choose()\n", encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    if argv != ["install"]:
        print("usage: python -m colbot_shared.openblas install", file=sys.stderr)
        return 2
    print(f"OpenBLAS kernels chosen at start-up by {install(Path(site.getsitepackages()[0]))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
