"""The seed chapter's examples: every marked finding, and no FAS finding anywhere else."""
from __future__ import annotations

import sys

import pytest

from harness import SHARED, flake8, run

SEED = SHARED / "seed_examples"
SCORER = SHARED / "tools" / "expect_score.py"

pytestmark = pytest.mark.skipif(
    not SEED.is_dir() or not SCORER.is_file(),
    reason="../shared/seed_examples is not beside this checkout (CI has it; a user's clone does not)",
)


def _score(only: str) -> str:
    lint = flake8(".", cwd=SEED)
    assert "Traceback" not in lint.stderr, lint.stderr
    score = run([sys.executable, str(SCORER), ".", "--only", only,
                 "--min-recall", "1", "--min-precision", "1"],
                stdin=lint.stdout.encode(), cwd=SEED)
    assert score.returncode == 0, score.stdout
    return score.stdout


def test_blocking_rules_score_perfectly_on_the_seed_examples():
    _score("FAS1")


def test_every_rule_scores_perfectly_on_the_seed_examples():
    _score("FAS")
