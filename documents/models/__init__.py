"""Content the printed boards are made from (policy documents land here later)."""

from .rules import HallRule

__all__ = ["HallRule"]
