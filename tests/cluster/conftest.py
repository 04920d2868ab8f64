"""The multi-server layout, started once for the cluster tests (`pytest -m cluster`).

It runs on the PostgreSQL server of the test run (scripts/test.sh's
throwaway cluster), in a database of its own; on the SQLite run it is
skipped, as the layout is PostgreSQL's. nginx and redis-server come from
scripts/install.sh.
"""

import os
import shutil

import pytest

from tests import premigrated
from tests.cluster.layout import running_layout, throwaway_database


@pytest.fixture(scope="package")
def cluster(tmp_path_factory):
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith(("postgres://", "postgresql://")):
        pytest.skip("the cluster layout runs on PostgreSQL: run with DATABASE_URL=postgres://…")
    missing = [tool for tool in ("nginx", "redis-server", "curl") if not shutil.which(tool)]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)} (scripts/install.sh installs them)")
    template = os.environ.get(premigrated.TEMPLATE_VARIABLE)
    with (
        throwaway_database(server, f"portal_cluster_{os.getpid()}", template) as database_url,
        running_layout(tmp_path_factory.mktemp("cluster"), database_url) as layout,
    ):
        yield layout
