"""Fixed-window rate limits kept in the cache (Redis in production, so every app
server counts together): a key may be used `limit` times per window."""

from __future__ import annotations

from django.core.cache import cache


def allow(key: str, limit: int, window_seconds: int) -> bool:
    """Count one use of `key`; False once the window's allowance is used up."""
    key = f"ratelimit:{key}"
    if cache.add(key, 1, timeout=window_seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds)
        return True
    return count <= limit
