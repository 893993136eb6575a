"""Human-readable outputs: the self-contained HTML report."""

from __future__ import annotations

from botwatch.report._html import render_report

__all__ = ["render_report"]
