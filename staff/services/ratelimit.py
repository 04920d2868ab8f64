"""A small fixed-window rate limit on status changes, kept in the cache.

A phone left in a pocket, or a script, must not flood the log; a real person
changes status a few times an hour.
"""

from django.conf import settings

from core import ratelimit


def allow(user_id: int) -> bool:
    """Count one change for `user_id`; False once the window's allowance is used up."""
    limit, window_seconds = settings.STAFF_STATUS_RATE_LIMIT
    return ratelimit.allow(f"staff:status-rate:{user_id}", limit, window_seconds)
