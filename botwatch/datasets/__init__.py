"""Simulated worlds and the sample dump shipped with botwatch.

Two world generators, written apart from each other, build labelled worlds (the training sources
and test oracles): ``simulate`` and ``agency_world``. A setting chosen on one is checked on the
other. ``sample_path`` points at a small dump inside the package, written by ``simulate``, for the
quick start and the examples.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from botwatch.datasets._agency import TACTICS, AgencyWorld, agency_world, random_agency_config
from botwatch.datasets._export import write_telethon
from botwatch.datasets._simulate import (
    STRATEGIES,
    TRAPS,
    FarmSpec,
    SimulatedWorld,
    WorldConfig,
    default_farms,
    degrade,
    random_farms,
    random_world_config,
    simulate,
)

__all__ = [
    "STRATEGIES",
    "TACTICS",
    "TRAPS",
    "AgencyWorld",
    "FarmSpec",
    "SimulatedWorld",
    "WorldConfig",
    "agency_world",
    "default_farms",
    "degrade",
    "random_agency_config",
    "random_farms",
    "random_world_config",
    "sample_path",
    "simulate",
    "write_telethon",
]

SAMPLE_SEED = 2024
"""Seed of the shipped sample dump; never used to train the default model."""


def sample_path(kind: str = "comments") -> Path:
    """Path of the sample dump shipped inside the package.

    Parameters
    ----------
    kind : {"comments", "accounts", "truth"}
        Which table of the sample world.

    Examples
    --------
    >>> sample_path().name
    'sample_comments.csv.gz'
    """
    if kind not in ("comments", "accounts", "truth"):
        raise ValueError(f"kind must be comments, accounts or truth, got {kind!r}")
    return Path(str(resources.files("botwatch.datasets") / "data" / f"sample_{kind}.csv.gz"))
