"""Every benchmark, one after another, with the machine they ran on: `python -m bench [--quick]`.

Each part measures its figures beside their floors in the same run (see each
module's docstring); this only sequences them and prints every table.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import burst, discord_e2e, engine, growth, quality, startup_memory
from bench.common import code_version, show_machine

PARTS = {
    "quality": quality.run,
    "engine": engine.run,
    "growth": growth.run,
    "discord": discord_e2e.run,
    "burst": burst.run,
    "startup": startup_memory.run,
}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shrunk sizes: a smoke run of every part")
    parser.add_argument("--only", choices=sorted(PARTS), action="append", help="run only these parts (repeatable)")
    args = parser.parse_args(argv)
    show_machine()
    started = time.perf_counter()
    for name, part in PARTS.items():
        if args.only and name not in args.only:
            continue
        print(f"## {name}\n", flush=True)
        began = time.perf_counter()
        part(args.quick)
        print(f"({name}: {time.perf_counter() - began:.0f} s)\n", flush=True)
    print(f"(all: {time.perf_counter() - started:.0f} s; code at the end: {code_version()})", flush=True)


if __name__ == "__main__":
    main()
