"""The command line both screenshot scripts share: an output folder, --only, --list."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any, Callable, Sequence


def run(doc: str, shots: Sequence[Any], take: Callable[[Path, list], list], default_out: Path, root: Path,
        describe: Callable[[Any], str], browser_unavailable: Callable[[], str],
        argv: list[str] | None = None) -> int:
    """Parse the arguments, take the wanted shots, say how many; exit 2 without a browser, 1 when a
    shot could not be taken."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, default=default_out,
                        help=f"folder for the PNG files (default: {default_out.relative_to(root)})")
    parser.add_argument("--only", nargs="*", default=None, metavar="FILE",
                        help="take only these shots (file names as listed by --list)")
    parser.add_argument("--list", action="store_true", help="list the shots and exit")
    args = parser.parse_args(argv)
    if args.list:
        for shot in shots:
            print(f"{shot.file}: {describe(shot)}")
        return 0
    reason = browser_unavailable()
    if reason:
        print(f"Cannot take screenshots: {reason}", file=sys.stderr)
        return 2
    wanted = [s for s in shots if args.only is None or s.file in args.only]
    started = time.monotonic()
    written = take(args.out, wanted)
    print(f"{len(written)} screenshot(s) in {time.monotonic() - started:.0f} s")
    return 0 if len(written) == len(wanted) else 1


def shrink(path: Path, max_bytes: int) -> None:
    """Quantise a PNG to 256 colours when it is larger than ``max_bytes`` (needs Pillow; else left)."""
    if path.stat().st_size <= max_bytes:
        return
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        reduced = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    reduced.save(path, optimize=True)
