from tests.editorial.conftest import _build_towns, towns  # noqa: F401  (two centers with staff)
