"""Record the catalog's maturity radar at a release, so the next radar can mark what is new and what moved.

    .venv/bin/python scripts/radar_release.py [--commit REV] [--out src/techpick/releases/previous-radar.yaml]

It reads the catalog as it was at REV (default: HEAD) from git, draws its
maturity radar with today's rules (`techpick radar`: status first, then
adoption), and writes it as an ordinary radar file with the release's date
and commit. `techpick radar` and the site's radar page then mark every blip
new (absent from that radar) or moved (its ring changed, with the old ring).

At each catalog release, after the release commit, run it with no options and
commit the file it wrote: from then on the radar shows what changed since
that release. The same commit gives the same bytes.

If a technology is later taken out of the catalog, take its line out of the
record as well (it has left the radar); a renamed one keeps its old id as an
alias and needs nothing.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import yaml

from techpick.loader import load_catalog
from techpick.radar import PREVIOUS_RELEASE, catalog_radar

ROOT = Path(__file__).resolve().parent.parent


def git(*args: str) -> bytes:
    env = {**os.environ, "TZ": "UTC"}  # the release's date as git records it in UTC, wherever this runs
    return subprocess.run(["git", "-C", str(ROOT), *args], check=True, capture_output=True, env=env).stdout


def record(commit: str) -> str:
    """The radar file's text for the catalog at `commit`."""
    full = git("rev-parse", "--verify", f"{commit}^{{commit}}").decode().strip()
    date = git("show", "-s", "--date=format-local:%Y-%m-%d", "--format=%cd", full).decode().strip()
    with tempfile.TemporaryDirectory() as tmp:
        tarfile.open(fileobj=io.BytesIO(git("archive", full, "catalog")), mode="r:").extractall(tmp, filter="data")
        radar = catalog_radar(load_catalog(Path(tmp) / "catalog", cache=False))
    body = {"version": 1, "name": f"Catalog maturity at commit {full[:7]}",
            "released": date,
            "entries": [{"id": b.id, "ring": b.ring, "reason": b.reason} for b in radar.blips]}
    header = (f"# The catalog's maturity radar at its previous release: commit {full}, {date} (UTC).\n"
              "# Written by scripts/radar_release.py; refresh it at each release (see that script).\n")
    return header + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=1000)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--commit", default="HEAD", help="the release commit (default: HEAD)")
    parser.add_argument("--out", type=Path, default=PREVIOUS_RELEASE, help="where to write the record")
    args = parser.parse_args()
    try:
        text = record(args.commit)
    except subprocess.CalledProcessError as error:
        print(f"radar_release: git {' '.join(error.cmd[3:])}: {error.stderr.decode().strip()}", file=sys.stderr)
        return 2
    args.out.write_text(text)
    print(f"{args.out}: {text.count('- id:')} technologies")
    return 0


if __name__ == "__main__":
    sys.exit(main())
