"""What the HTML and Markdown renderers share: citation numbers and safe links."""

from __future__ import annotations

from typing import Any


def numbering(report: dict) -> dict[str, int]:
    """external id -> its number in the report's list of sources (1-based)."""
    return {s["external_id"]: i for i, s in enumerate(report.get("sources") or [], 1)}


def cite_ids(text: str, nums: dict[str, int]) -> str:
    """Notes name reports by external id; the reader sees their source numbers."""
    for ext in sorted(nums, key=len, reverse=True):
        if ext and ext in text:
            text = text.replace(ext, f"[{nums[ext]}]")
    return text


def unique_support(events: list[dict]) -> list[dict]:
    """Events with each report cited once."""
    out = []
    for e in events:
        seen, sup = set(), []
        for item in e.get("support") or []:
            if item[0] not in seen:
                seen.add(item[0])
                sup.append(item)
        out.append(dict(e, support=sup))
    return out


def safe_url(url: Any) -> str:
    """http(s) links only: autoescape stops markup, not "javascript:" links."""
    u = str(url or "")
    return u if u.lower().startswith(("http://", "https://")) else "#"
