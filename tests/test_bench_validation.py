"""The page ``bench/validation.py`` writes: every section, the figures as given."""

import pandas as pd
import pytest

from tests.conftest import bench_module


@pytest.fixture(scope="module")
def validation():
    return bench_module("validation")


def test_the_page_holds_every_section_with_its_figures(validation):
    held = pd.DataFrame(
        [{"generator": "simulate", "farms": "all", "accounts": 10, "botwatch": 0.97, "volume": 0.4}]
    )
    logo = validation.stored_logo(
        {
            "metrics": {
                "leave_one_generator_out": [
                    {
                        "trained_on": "a",
                        "tested_on": "b",
                        "tactic": "all",
                        "average_precision": 0.15,
                        "n_test": 9,
                    }
                ]
            }
        }
    )
    fresh = pd.DataFrame(
        [
            {
                "seed": 1700,
                "average_precision": 0.99,
                "recall": 0.9,
                "authentic_flagged": 1,
                "authentic": 9,
                "ari": 0.8,
                "ari_covered": 0.95,
            }
        ]
    )
    farm = pd.DataFrame([{"comments": 100000, "farm AP": 1.0}])
    third = (
        pd.DataFrame([{"tactic": "chat_burst", "accounts": 5, "botwatch": 0.61, "volume": 0.03}]),
        pd.DataFrame([{"role": "superfan", "accounts": 7, "flagged": 1}]),
    )
    civic = (
        pd.DataFrame([{"tactic": "flash_swarm", "accounts": 4, "botwatch": 0.21, "volume": 0.02}]),
        pd.DataFrame([{"role": "admin", "accounts": 3, "flagged": 2}]),
    )
    page = validation.render(
        {
            "held_out": held,
            "logo": logo,
            "fresh": fresh,
            "held_out_generator": third,
            "civic": civic,
            "plain_farm": farm,
            "real": "| real |",
        },
        {"training_data": "worlds"},
        600.0,
    )
    for title in (
        "Held-out simulated worlds",
        "Leave one generator out",
        "Fresh simulated worlds",
        "Worlds of a generator botwatch never trains on",
        "A plain farm in a large dump",
        "Real data",
    ):
        assert f"## {title}" in page
    assert "| simulate | all | 10 | 0.970 | 0.400 |" in page
    assert "| a | b | all | 0.150 | 9 |" in page
    assert "| chat_burst | 5 | 0.610 | 0.030 |" in page and "| superfan | 7 | 1 |" in page
    assert "| flash_swarm | 4 | 0.210 | 0.020 |" in page and "| admin | 3 | 2 |" in page
    assert "adjusted Rand index 0.800" in page and "| real |" in page
    assert validation.stored_logo({"metrics": {}}).empty
