"""The Spark tests run by `make test-spark` (they need pyspark and Java 17, installed by that
target), not by `make test`: without PAYUNG_SPARK_TESTS=1 nothing here is collected."""

from __future__ import annotations

import os
import sys

import pytest

if os.environ.get("PAYUNG_SPARK_TESTS") != "1":
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture(scope="session")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("payung-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    yield session
    session.stop()
