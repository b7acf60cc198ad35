"""The actors benchmark's speaker figure, on records we write: what counts as right, and the
split by who BASIL-style gold credits (a person, or a group a person speaks for)."""

from __future__ import annotations

from benchmarks.task_actors import score

TEXT = '"We will win," Ann Ray said. "It is over," said Tom Lee, a spokesman for the Farm Union.'


def record() -> dict[str, object]:
    first = TEXT.index('"We will win,"')
    second = TEXT.index('"It is over,"')
    return {
        "id": "a",
        "text": TEXT,
        "entities": [
            {"name": "Ann Ray", "author_feeling": "neutral"},
            {"name": "Farm Union", "author_feeling": "neutral"},
        ],
        "spans": [
            _quote(first, first + 14, "Ann Ray", "Ann Ray"),
            _quote(second, second + 13, "Farm Union", "Farm Union"),
        ],
    }


def _quote(start: int, end: int, target: str, speaker: str) -> dict[str, object]:
    return {
        "start": start,
        "end": end,
        "sentence": {"start": 0, "end": len(TEXT)},
        "target": target,
        "polarity": "negative",
        "quote": True,
        "speaker": speaker,
        "speaker_kind": "named",
        "aim": "indirect_general",
        "bias": "lexical",
    }


def prediction(second_source: list[str], affiliations: list[str]) -> dict[str, object]:
    first = TEXT.index('"We will win,"')
    second = TEXT.index('"It is over,"')
    return {
        "id": "a",
        "entities": [
            {"name": "Ann Ray", "label": "neutral", "type": "person"},
            {"name": "Farm Union", "label": "neutral", "type": "organisation"},
        ],
        "mentions": [],
        "attributions": [
            {
                "source_names": ["Ann Ray", "Ray"],
                "source_affiliations": [],
                "content": {"start": first, "end": first + 14},
            },
            {
                "source_names": second_source,
                "source_affiliations": affiliations,
                "content": {"start": second, "end": second + 13},
            },
        ],
    }


def test_a_speaker_is_right_when_the_source_names_share_a_word() -> None:
    speaker = score([record()], [prediction(["Farm Union"], [])])["speaker"]
    assert (speaker["correct"], speaker["spans"], speaker["accuracy"]) == (2, 2, 1.0)


def test_a_member_counts_for_the_group_only_with_affiliations() -> None:
    speaker = score([record()], [prediction(["Tom Lee"], ["Farm Union"])])["speaker"]
    assert speaker["accuracy"] == 0.5
    assert speaker["accuracy_with_affiliations"] == 1.0
    by_type = speaker["by_speaker_type"]
    assert (by_type["person"]["correct"], by_type["person"]["spans"]) == (1, 1)
    assert (by_type["other"]["correct"], by_type["other"]["spans"]) == (0, 1)
    assert by_type["other"]["accuracy_with_affiliations"] == 1.0


def test_a_quote_without_an_overlapping_attribution_is_uncovered() -> None:
    lone = prediction(["Tom Lee"], [])
    lone["attributions"] = lone["attributions"][:1]  # type: ignore[index]
    speaker = score([record()], [lone])["speaker"]
    assert (speaker["covered"], speaker["coverage"]) == (1, 0.5)


def test_span_figure_with_and_without_pronoun_mentions() -> None:
    text = "Tom Lee lied again. He was fined."
    lie, fine = (0, 19), (20, len(text))
    gold = {
        "id": "b",
        "text": text,
        "entities": [{"name": "Tom Lee", "author_feeling": "negative"}],
        "spans": [
            {
                "start": s,
                "end": e,
                "sentence": {"start": s, "end": e},
                "target": "Tom Lee",
                "polarity": "negative",
                "quote": False,
                "speaker": None,
                "speaker_kind": "none",
                "aim": "direct",
                "bias": "informational",
            }
            for s, e in (lie, fine)
        ],
    }
    mention = {"actor": "Tom Lee", "label": "negative", "voice": "narrator"}
    predicted = {
        "id": "b",
        "entities": [{"name": "Tom Lee", "label": "negative", "type": "person"}],
        "mentions": [
            {**mention, "start": 0, "end": 7, "form": "name"},
            {**mention, "start": 20, "end": 22, "form": "pronoun", "label": "positive"},
        ],
        "attributions": [],
    }
    span = score([gold], [predicted])["span"]
    assert (span["covered"], span["correct"]) == (2, 1)
    assert (span["names_only"]["covered"], span["names_only"]["correct"]) == (1, 1)
    assert span["names_only"]["accuracy_when_covered"] == 1.0
