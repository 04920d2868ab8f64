"""Noise out of a document's blocks before anything is extracted (core.text.noise does
the work, on the whole document's statistics), and what went, said in Chinese."""

from __future__ import annotations

from core.text.noise import NoiseReport, strip_noise

from .reading import Block

SHOWN_CHARACTERS = 6


def denoise(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """The blocks (table cells too) without noise, and one note per kind removed."""
    flat = [part for block in blocks for part in (block.text, *block.cells)]
    cleaned, report = strip_noise(flat)
    parts = iter(cleaned)
    denoised = [
        Block(next(parts), block.level, tuple(next(parts) for _ in block.cells)) for block in blocks
    ]
    return denoised, noise_notes(report)


def noise_notes(report: NoiseReport) -> list[str]:
    """One line per kind of noise removed, with counts and the commonest characters."""
    notes = []
    if report.inserted:
        common = report.inserted.most_common(SHOWN_CHARACTERS)
        shown = "".join(f"“{char}”" for char, _ in common)
        more = "等" if len(report.inserted) > SHOWN_CHARACTERS else ""
        count = sum(report.inserted.values())
        notes.append(f"字符间插入的干扰字符{shown}{more}，共 {count} 个")
    if report.invisible:
        notes.append(f"不可见字符（零宽字符、软连字符、BOM、方向控制符等）{report.invisible} 个")
    if report.markup:
        notes.append(f"网页标记残留（标签、字符实体）{report.markup} 处")
    return notes
