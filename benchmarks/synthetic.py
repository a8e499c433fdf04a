"""Synthetic catalogs for benchmarks: N valid technologies spread over the
vocabulary's roles, data models and capabilities, with relations between
them. Deterministic for a given N (seeded). Built as models in memory
(`synthetic_catalog`) or written to disk as a catalog folder of YAML files for
the CLI (`write_catalog`, or `python benchmarks/synthetic.py 10000 DIR`).
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from techpick.catalog import Catalog
from techpick.loader import VOCABULARY_FILE, default_catalog_dir, load_vocabulary
from techpick.models import Technology, Vocabulary

LEVELS = ("native", "native", "partial", "extension")


def synthetic_catalog(n: int, seed: int = 7) -> Catalog:
    """A catalog of n made-up technologies over the shipped vocabulary."""
    vocabulary, _ = load_vocabulary(default_catalog_dir())
    techs = [Technology.model_validate(data) for data in entries(vocabulary, n, seed)]
    return Catalog(vocabulary, techs, {}, f"synthetic:{n}:{seed}")


def write_catalog(n: int, folder: Path, seed: int = 7) -> Path:
    """The same technologies as a catalog folder on disk (<area>/<id>.yaml and the shipped vocabulary).

    A folder already written for the same n and seed is reused as it is.
    """
    stamp = f"synthetic {n} {seed} v2\n"
    marker = folder / ".synthetic"
    if marker.is_file() and marker.read_text() == stamp:
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copy(default_catalog_dir() / VOCABULARY_FILE, folder / VOCABULARY_FILE)
    vocabulary, _ = load_vocabulary(folder)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for data in entries(vocabulary, n, seed):
        area = folder / vocabulary.roles[data["roles"][0]].area
        area.mkdir(exist_ok=True)
        text = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True)
        (area / f"{data['id']}.yaml").write_text(text, encoding="utf-8")
    marker.write_text(stamp)
    return folder


def entries(vocabulary: Vocabulary, n: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """Plain data of n technologies, as an author would write them."""
    rng = random.Random(seed)
    roles = sorted(vocabulary.roles)
    models = sorted(vocabulary.data_models)
    caps = sorted(vocabulary.capabilities)
    clouds = sorted(vocabulary.clouds)
    ids = [f"tech-{i:05d}" for i in range(n)]
    for i, tech_id in enumerate(ids):
        low = 10 ** rng.randint(6, 12)
        tp_low = 10 ** rng.randint(0, 4)
        others = rng.sample(ids, k=min(4, n))
        yield {
            "id": tech_id,
            "name": f"Tech {i}",
            "roles": rng.sample(roles, k=rng.randint(1, 2)),
            "data_models": rng.sample(models, k=rng.randint(1, 3)),
            "description": "A generated technology for benchmarks. It has no meaning beyond its numbers.",
            "homepage": f"https://example.org/{tech_id}",
            "license": {"spdx": rng.choice(["Apache-2.0", "MIT", "AGPL-3.0-only", "LicenseRef-Proprietary"])},
            "hosting": {"self_hosted": True, "embedded": rng.random() < 0.1,
                        "managed": [{"service": f"Hosted {i}", "provider": c, "clouds": [c]}
                                    for c in rng.sample(clouds, k=rng.randint(0, 2))]},
            "capabilities": {c: rng.choice(LEVELS) for c in rng.sample(caps, k=rng.randint(3, 15))},
            "scale": {"latency_p99": f"{rng.choice([1, 5, 20, 100, 1000])}ms",
                      "volume": {"sweet": [f"{low}B", f"{low * 1000}B"], "max": f"{low * 100000}B"},
                      "throughput": {"sweet": [f"{tp_low}/s", f"{tp_low * 1000}/s"], "max": f"{tp_low * 10000}/s"},
                      "basis": "generated for a benchmark"},
            "consistency": rng.choice(["strong", "tunable", "eventual"]),
            "durability": rng.choice(["durable", "optional", "none"]),
            "availability": {"high_availability": rng.choice(["native", "partial", "none"])},
            "scaling": rng.choice(["vertical", "horizontal"]),
            "operations": {"complexity": rng.randint(1, 5), "reason": "generated for a benchmark"},
            "runtime": rng.choice(["jvm", "go", "rust", "cpp"]),
            "skills": rng.sample(["jvm", "python", "go", "sql"], k=1),
            "adoption": rng.choice(["widespread", "common", "niche"]),
            "relations": {"integrates_with": [o for o in others[:2] if o != tech_id],
                          "requires": [o for o in others[2:3] if o != tech_id and i % 10 == 0]},
            "use_when": ["a benchmark needs it"],
            "avoid_when": ["anything real"],
            "sources": [{"url": "https://example.org/a"}, {"url": "https://example.org/b"}],
        }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Write a synthetic catalog of N technologies as YAML files.")
    parser.add_argument("n", type=int)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    print(write_catalog(args.n, args.folder))
