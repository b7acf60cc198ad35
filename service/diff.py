"""What moved between two revisions of an article, from their stored reports: sentiment toward
each actor, hedging, sourcing, tone and length, and the quotes (every attributed statement,
direct or reported) added or dropped. Computed from the reports alone, so it works whether or
not the article's text is stored."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# The figures compared, each read from a report document: (id, name, reader).
FIGURES: tuple[tuple[str, str, Callable[[dict[str, Any]], float]], ...] = (
    ("words", "Words", lambda r: float(r["words"])),
    ("hedging_density", "Hedges per 100 words", lambda r: r["hedging"]["per_100_words"]),
    ("hedged_sentence_share", "Hedged sentences", lambda r: r["hedging"]["hedged_sentence_share"]),
    (
        "attribution_density",
        "Attributions per 100 words",
        lambda r: r["attribution"]["per_100_words"],
    ),
    (
        "attributed_sentence_share",
        "Attributed sentences",
        lambda r: r["attribution"]["sentence_share"],
    ),
    ("anonymous_share", "Anonymous sources", lambda r: r["attribution"]["anonymous_share"]),
    ("distinct_sources", "Distinct sources", lambda r: float(r["attribution"]["distinct_sources"])),
    ("tone", "Tone (GDELT-style)", lambda r: r["tone"]["tone"]),
)
# Changes smaller than this are rounding, not a change.
EPSILON = 1e-6


def _sentiment(report: dict[str, Any]) -> dict[str, tuple[str, float, float | None]]:
    """Actor key -> (name, sentiment toward it, sentiment by it when it is quoted)."""
    actors = {actor["id"]: actor for actor in report["actors"]}
    found = {}
    for item in report["sentiment"]:
        actor = actors.get(item["actor_id"])
        if actor is None or not item["toward"]["mentions"]:
            continue
        by = item["by"]["score"] if item["by"]["quotes"] else None
        found[actor["key"]] = (actor["name"], item["toward"]["score"], by)
    return found


def _quotes(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Every attributed statement: its kind (direct, indirect, according_to), source, content."""
    return [
        {
            "kind": a["kind"],
            "source": a["source"]["exact"] if a.get("source") else None,
            "content": a["content"]["exact"],
        }
        for a in report["attribution"].get("attributions", [])
    ]


def _actor_change(key: str, before: Any, after: Any) -> dict[str, Any]:
    name = (after or before)[0]
    toward_before = before[1] if before else None
    toward_after = after[1] if after else None
    change = (
        toward_after - toward_before
        if toward_before is not None and toward_after is not None
        else None
    )
    status = "new" if before is None else "dropped" if after is None else "changed"
    return {
        "key": key,
        "name": name,
        "status": status,
        "toward_before": toward_before,
        "toward_after": toward_after,
        "change": change,
        "by_before": before[2] if before else None,
        "by_after": after[2] if after else None,
    }


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The compact difference between two report documents (``before`` the older)."""
    figures = []
    for id, name, read in FIGURES:
        old, new = float(read(before)), float(read(after))
        if abs(new - old) > EPSILON:
            figures.append(
                {"id": id, "name": name, "before": old, "after": new, "change": new - old}
            )
    was, now = _sentiment(before), _sentiment(after)
    actors = []
    for key in sorted(set(was) | set(now)):
        change = _actor_change(key, was.get(key), now.get(key))
        moved = change["status"] != "changed" or abs(change["change"] or 0.0) > EPSILON
        if moved or change["by_before"] != change["by_after"]:
            actors.append(change)
    old_quotes, new_quotes = _quotes(before), _quotes(after)
    return {
        "text_changed": before["text_sha256"] != after["text_sha256"],
        "figures": figures,
        "actors": actors,
        "quotes_added": [q for q in new_quotes if q not in old_quotes],
        "quotes_dropped": [q for q in old_quotes if q not in new_quotes],
    }
