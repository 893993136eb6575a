"""The loss decomposition of `botwatch.metrics`, which `bench/fresh_worlds.py` prints."""

import numpy as np
import pytest


@pytest.fixture(scope="module")
def loss_decomposition():
    from botwatch.metrics import loss_decomposition

    return loss_decomposition


FARMS = np.repeat(["operator_praise", "office_attack", "influencers"], [4, 4, 2])


@pytest.mark.parametrize(
    ("cluster", "fixed_by"),
    [
        ([0, 0, 0, 0, 0, 0, 0, 0, 2, 2], "ari_separated"),  # farms a and b in one cluster
        ([0, 0, 3, 3, 1, 1, 1, 1, 2, 2], "ari_joined"),  # farm a in two clusters
        ([0, 0, 0, -1, 1, 1, 1, -1, 2, 2], "ari_covered"),  # one account of a and b in none
    ],
)
def test_each_kind_of_error_is_undone_by_its_own_counterfactual_only(loss_decomposition, cluster, fixed_by):
    out = loss_decomposition(FARMS, np.array(cluster))
    assert out["ari"] < 0.8
    assert out[fixed_by] == pytest.approx(1.0)
    for other in {"ari_separated", "ari_joined", "ari_covered"} - {fixed_by}:
        assert out[other] == pytest.approx(out["ari"])


def test_perfect_clusters_and_labels_that_are_not_integers(loss_decomposition):
    out = loss_decomposition(FARMS, np.array([5, 5, 5, 5, 9, 9, 9, 9, 7, 7]))
    assert out == pytest.approx({"ari": 1.0, "ari_separated": 1.0, "ari_joined": 1.0, "ari_covered": 1.0})
    # A farm with no account in any cluster: its accounts are singletons, and covering groups them.
    out = loss_decomposition(FARMS, np.array([0, 0, 0, 0, 1, 1, 1, 1, -1, -1]))
    assert out["ari"] < 1.0 and out["ari_covered"] == pytest.approx(1.0)
