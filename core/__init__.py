"""Small shared helpers used by several apps (not a Django app)."""
