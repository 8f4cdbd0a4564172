"""The Rasa runtime's OpenBLAS is told a kernel its CPU can run (colbot_shared/openblas.py):
the fastest whose instructions the CPU has, none where it has none of them or its flags can't
be read, and never one over a kernel set by hand."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from colbot_shared.openblas import PTH_FILE, VARIABLE, choose, cpu_flags, kernel
from tests.conftest import REPO

SAPPHIRE_RAPIDS = """processor\t: 0
vendor_id\t: GenuineIntel
model name\t: Intel(R) Xeon(R) Processor
flags\t\t: fpu vme sse sse2 ssse3 fma sse4_1 sse4_2 avx f16c avx2 avx512f avx512dq avx512cd \
avx512bw avx512vl avx512_bf16 amx_tile
processor\t: 1
flags\t\t: fpu
"""
ZEN3 = "flags\t\t: fpu sse sse2 ssse3 fma sse4_1 sse4_2 avx f16c avx2 bmi2\n"
OLD = "flags\t\t: fpu sse sse2 ssse3 sse4_1 sse4_2 avx\n"
AVX512_WITHOUT_BW = "flags\t\t: fpu fma avx avx2 avx512f avx512cd\n"  # Knights Landing


def _cpu(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cpuinfo"
    path.write_text(text)
    return path


def test_the_fastest_kernel_the_cpu_can_run_is_chosen(tmp_path: Path) -> None:
    assert kernel(cpu_flags(_cpu(tmp_path, SAPPHIRE_RAPIDS))) == "SkylakeX"
    assert kernel(cpu_flags(_cpu(tmp_path, ZEN3))) == "Haswell"
    assert kernel(cpu_flags(_cpu(tmp_path, AVX512_WITHOUT_BW))) == "Haswell"
    assert kernel(cpu_flags(_cpu(tmp_path, OLD))) is None


def test_openblas_chooses_for_itself_where_nothing_fits_or_a_kernel_is_set(tmp_path: Path) -> None:
    environ: dict[str, str] = {}
    choose(environ, _cpu(tmp_path, OLD))
    choose(environ, tmp_path / "missing")  # not Linux: no flags to read
    assert environ == {}
    environ = {VARIABLE: "Prescott"}
    choose(environ, _cpu(tmp_path, SAPPHIRE_RAPIDS))
    assert environ == {VARIABLE: "Prescott"}
    choose(environ := {}, _cpu(tmp_path, SAPPHIRE_RAPIDS))
    assert environ == {VARIABLE: "SkylakeX"}


def test_every_rasa_process_multiplies_with_the_kernel_its_cpu_can_run() -> None:
    """Started with no kernel named (as Rasa's servers, `rasa train` and the tools are), the
    Rasa runtime's numpy loads OpenBLAS with the kernel chosen for this machine."""
    python = REPO / ".venv-rasa" / "bin" / "python"
    assert list((REPO / ".venv-rasa").glob(f"lib/python3*/site-packages/{PTH_FILE}"))
    environ = {k: v for k, v in os.environ.items() if k != VARIABLE}
    script = (
        "import numpy, threadpoolctl; print(threadpoolctl.threadpool_info()[0]['architecture'])"
    )
    done = subprocess.run(
        [str(python), "-c", script], capture_output=True, text=True, env=environ, check=True
    )
    expected = kernel(cpu_flags())
    if expected is None:  # a CPU without AVX2: OpenBLAS's own choice, whatever it is
        assert done.stdout.strip()
    else:
        assert done.stdout.strip().lower() == expected.lower(), done.stdout
