"""The annual report in the page editor: its tables as tables, refused when they don't add up.

Each figure field is edited as the template's table, one number per cell
(blank counts as 0); the form checks every sum (services.report_tables) and
names the cell that is wrong, and a draft's 【待填写】 placeholders cannot be
published.
"""

from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext as _

from core.forms import GatedPageForm

from .services import report_tables as tables

TO_COMPLETE = tables.TO_COMPLETE
TEXT_FIELDS = ("overview", "problems", "other_matters")


class FigureTablesWidget(forms.Widget):
    """One <table> per spec, an <input> per cell named `<field>-<table>-<row>-<column>`."""

    template_name = "disclosure/widgets/figure_tables.html"

    def __init__(self, field: str, attrs=None) -> None:
        super().__init__(attrs)
        self.field = field

    def _figures(self, value) -> dict:
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return {}
        return value if isinstance(value, dict) else {}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        figures = self._figures(value)
        shown = []
        for table in tables.SPECS[self.field]:
            given = figures.get(table.key) or {}
            rows = []
            for row in table.rows:
                values = given.get(row.key) if isinstance(given.get(row.key), dict) else {}
                cells = [
                    {"name": f"{name}-{table.key}-{row.key}-{column}", "label": label,
                     "value": "" if values.get(column) is None else values.get(column)}
                    for column, label in table.columns
                ]  # fmt: skip
                rows.append({"row": row, "cells": [] if row.heading else cells})
            shown.append({"table": table, "rows": rows})
        context["widget"]["tables"] = shown
        return context

    def value_from_datadict(self, data, files, name):
        figures: dict = {}
        for table in tables.SPECS[self.field]:
            for row, column in table.cells():
                raw = data.get(f"{name}-{table.key}-{row.key}-{column}", "")
                figures.setdefault(table.key, {}).setdefault(row.key, {})[column] = raw.strip()
        return json.dumps(figures, ensure_ascii=False)

    def value_omitted_from_data(self, data, files, name):
        return not any(key.startswith(f"{name}-") for key in data)


class AnnualReportForm(GatedPageForm):
    def clean(self):
        cleaned = super().clean()
        year, parent = cleaned.get("year"), getattr(self, "parent_page", None)
        if year and parent is not None:
            model = type(self.instance)  # the report page type (its module imports this one)
            same = model.objects.child_of(parent).filter(year=year).exclude(pk=self.instance.pk)
            if same.exists():
                self.add_error("year", _("本栏目已有{year}年度的报告。").format(year=year))
        for field in tables.SPECS:
            if field not in cleaned or self.has_error(field):
                continue
            figures, problems = tables.check(field, cleaned[field] or {})
            for problem in problems:
                self.add_error(field, problem)
            if not problems:
                cleaned[field] = figures
        return cleaned

    def _check_gates(self) -> None:
        super()._check_gates()
        if not self._going_public():
            return
        unfinished = [
            str(self.fields[name].label)
            for name in TEXT_FIELDS
            if name in self.fields and TO_COMPLETE in (getattr(self.instance, name, "") or "")
        ]
        if unfinished:
            self.add_error(
                None,
                _("不能发布：{fields}中还有“{mark}”的内容，请补充完整后再发布。").format(
                    fields="、".join(unfinished), mark=TO_COMPLETE
                ),
            )
