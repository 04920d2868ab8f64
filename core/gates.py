"""Publishing gates: rules that must hold before a reviewer may approve.

A page type states its own rules in a `publishing_problems()` method (the
service guide's 八公开 completeness); rules that cut across page types (the
injected-content scanner of the documents issue) register here with
`register_gate`. Each rule returns the reasons, in Chinese, that the
reviewer sees; an empty list lets the page through.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from wagtail.models import Page

Gate = Callable[[Page], Iterable[str]]
_gates: list[Gate] = []


def register_gate(gate: Gate) -> Gate:
    """Add a rule every page must pass before approval (usable as a decorator)."""
    if gate not in _gates:
        _gates.append(gate)
    return gate


def unregister_gate(gate: Gate) -> None:
    if gate in _gates:
        _gates.remove(gate)


def registered_gates() -> list[Gate]:
    return list(_gates)


def publishing_problems(page: Page) -> list[str]:
    """Every reason `page` (as it would be published) may not go public."""
    page = page.specific
    problems = list(getattr(page, "publishing_problems", lambda: [])())
    for gate in _gates:
        problems.extend(gate(page))
    return problems


def submitted_problems(page: Page) -> list[str]:
    """The problems of the revision under review (the latest one)."""
    return publishing_problems(page.specific.get_latest_revision_as_object())
