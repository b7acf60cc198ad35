"""Actors in whole articles (BASIL format): who is found, how the narrator treats them, who spoke.

Records: ``{"id", "text", "entities": [{"name", "author_feeling"}], "spans": [...]}`` (see the
data README). Every ``entities[].name`` is passed as a requested actor, as a CMS would, through
``scoring.analyze.analyze`` (the service's path). Predictions, one line per article::

    {"id", "entities": [{"name", "label", "type"}],
     "mentions": [{"actor": <requested name or null>, "start", "end", "label", "voice", "form"}],
     "attributions": [{"source_names": [...], "source_affiliations": [...],
                       "content": {"start", "end"}}]}

Figures (all computed from the predictions as written; higher is better for every one):

- ``article``: the narrator's label toward each entity against ``author_feeling``: macro F1 over
  the three classes and negative-class F1; an entity with no narrator label (``none``, or absent)
  counts as neutral. ``coverage`` is the share of entities with at least one mention.
- ``span``: for each span with ``aim`` "direct", the majority label of the target's mentions
  inside the span's ``sentence`` against ``polarity``. The majority is the label held by strictly
  more mentions than any other; any tie for the top is neutral (never right: gold is polar).
  ``accuracy`` is over all such spans (no mention is wrong); ``coverage`` is the share whose
  sentence holds a mention of the target; both split by ``quote``. ``names_only`` is the same
  over the mentions that name the target (no pronoun or description: the figure before
  coreference).
- ``speaker``: for each span with ``quote`` true and ``speaker_kind`` "named", the attribution
  whose content overlaps the span most; right when its source names share a word with
  ``speaker`` (case- and accent-insensitive, words of two letters or fewer ignored). ``accuracy``
  is over all such spans; ``coverage`` is the share with an overlapping attribution.
  ``accuracy_with_affiliations`` also counts a quote right when the gold speaker is an actor the
  source speaks for (``Actor.affiliations``: "a spokeswoman for the campaign", "Sen. X (D-Ore.)"
  for "Democrats"): BASIL often names the group a member or spokesperson speaks for. Reported
  beside the data README's figure, never instead of it. ``by_speaker_type`` gives both figures
  for the quotes BASIL credits to a person and for those it credits to a group, organisation or
  country (the type the report gives that requested entity; ``none`` when it found no actor).

A span's ``target`` is matched to an entity by exact name, then case-insensitively; spans that
match no entity are counted as ``unmatched_targets`` and scored as uncovered.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from sklearn.metrics import confusion_matrix, f1_score

if TYPE_CHECKING:
    from scoring.actors import Actor
    from scoring.analyze import Report
    from scoring.resources import Resources

Record = dict[str, Any]
Range = tuple[int, int]

# The three classes of ``author_feeling`` and of a narrator label (data README).
LABELS = ("negative", "neutral", "positive")
NEUTRAL = "neutral"
# The report's label for an actor without a mention in that voice; scored as neutral.
NO_LABEL = "none"
# Mentions that name their actor (``Mention.form``): what the actors layer found before
# coreference added pronouns and descriptions ("he", "the senator"); ``span.names_only`` is the
# span figure over these alone.
NAMING_FORMS = frozenset({"name", "alias", "demonym", "metonym"})
# Only spans aimed at their target directly say how the target itself is portrayed.
DIRECT_AIM = "direct"
NAMED_SPEAKER = "named"
SPEAKER_KINDS = ("person", "other", "none")
# Words this short ("Jr", "de", initials) say nothing about who a speaker is.
MAX_IGNORED_WORD = 2
WORD = re.compile(r"[^\W_]+")
DIGITS = 3  # rounding of every ratio printed


# --- predict -------------------------------------------------------------------------------------


def predict(records: Iterable[Record], resources: Resources) -> Iterator[Record]:
    """One prediction per article, through ``analyze`` with the entities as requested actors."""
    from scoring.actors import ActorQuery
    from scoring.analyze import analyze

    for record in records:
        names = [entity["name"] for entity in record["entities"]]
        report = analyze(
            record["text"],
            resources=resources,
            actors=[ActorQuery(name=name) for name in names],
            reference=None,
        )
        yield _prediction(record["id"], names, report)


def _prediction(id_: str, names: list[str], report: Report) -> Record:
    """The prediction line of one report: requested entities, every mention, every attribution."""
    analysis = report.analysis
    requested = _requested_ids(names, analysis.actors)
    name_of = {actor_id: name for name, actor_id in requested.items() if actor_id is not None}
    sentiment = {s.actor_id: s for s in analysis.sentiment}
    types = {actor.id: actor.type for actor in analysis.actors}
    entities = [
        {
            "name": name,
            "label": sentiment[actor_id].toward_narrator.label if actor_id else NO_LABEL,
            "type": types.get(actor_id) if actor_id else None,
        }
        for name, actor_id in requested.items()
    ]
    forms = {
        (mention.span.start, mention.span.end): mention.form
        for actor in analysis.actors
        for mention in actor.mentions
    }
    mentions = [
        {
            "actor": name_of.get(s.actor_id),
            "start": m.mention.start,
            "end": m.mention.end,
            "label": m.label,
            "voice": m.voice,
            "form": forms.get((m.mention.start, m.mention.end)),
        }
        for s in analysis.sentiment
        for m in s.evidence
    ]
    actors = {actor.id: actor for actor in analysis.actors}
    attributions = [
        {
            "source_names": _names(actors.get(a.source_actor)) if a.source_actor else [],
            "source_affiliations": _affiliated(actors, a.source_actor),
            "content": {"start": a.content.start, "end": a.content.end},
        }
        for a in analysis.attribution.attributions
    ]
    return {"id": id_, "entities": entities, "mentions": mentions, "attributions": attributions}


def _requested_ids(names: list[str], actors: Iterable[Actor]) -> dict[str, str | None]:
    """The report's actor id for each requested name, found as a CMS finds it: by the name.

    When the library gathers two requested names into one actor, that actor carries one of the
    names; the other is then not found (``None``), which is what a CMS would see.
    """
    ids = {actor.name: actor.id for actor in actors if actor.requested}
    return {name: ids.get(name) for name in names}


def _affiliated(actors: dict[str, Actor], actor_id: str | None) -> list[str]:
    """The names and aliases of the actors the source speaks for (``Actor.affiliations``)."""
    source = actors.get(actor_id) if actor_id else None
    if source is None:
        return []
    return [name for tie in source.affiliations for name in _names(actors.get(tie.actor_id))]


def _names(actor: Actor | None) -> list[str]:
    """An actor's name followed by its aliases (no actor: no names)."""
    return [] if actor is None else [actor.name, *actor.aliases]


# --- score ---------------------------------------------------------------------------------------


def score(records: list[Record], predictions: list[Record]) -> dict[str, Any]:
    """The article, span and speaker figures with the counts behind them."""
    by_id = {p["id"]: p for p in predictions}
    empty: Record = {"entities": [], "mentions": [], "attributions": []}
    pairs = [(record, by_id.get(record["id"], empty)) for record in records]
    return {
        "missing_predictions": sum(record["id"] not in by_id for record in records),
        "article": _article(pairs),
        "span": _span(pairs),
        "speaker": _speaker(pairs),
    }


def _article(pairs: list[tuple[Record, Record]]) -> dict[str, Any]:
    """Narrator label per entity against the author's feeling, and how many entities were found."""
    gold, guess, covered = [], [], 0
    for record, prediction in pairs:
        labels = {e["name"]: e["label"] for e in prediction["entities"]}
        mentioned = {m["actor"] for m in prediction["mentions"]}
        for entity in record["entities"]:
            gold.append(entity["author_feeling"])
            label = labels.get(entity["name"], NO_LABEL)
            guess.append(label if label in LABELS else NEUTRAL)
            covered += entity["name"] in mentioned
    per_class = f1_score(gold, guess, labels=list(LABELS), average=None, zero_division=0)
    return {
        "f1_macro": _round(float(per_class.mean())),
        "f1_negative": _round(float(per_class[LABELS.index("negative")])),
        "f1": {label: _round(float(f)) for label, f in zip(LABELS, per_class, strict=True)},
        "coverage": _ratio(covered, len(gold)),
        "entities": len(gold),
        "covered": covered,
        "gold": dict(Counter(gold)),
        "predicted": dict(Counter(guess)),
        "confusion": {
            "labels": list(LABELS),
            "rows_gold_columns_predicted": confusion_matrix(gold, guess, labels=LABELS).tolist(),
        },
    }


def _span(pairs: list[tuple[Record, Record]]) -> dict[str, Any]:
    """Majority mention label in each direct span's sentence against the span's polarity."""
    counts: Counter[str] = Counter()
    for record, prediction in pairs:
        for span in record["spans"]:
            if span["aim"] != DIRECT_AIM:
                continue
            entity = _entity(span["target"], record["entities"])
            counts["unmatched_targets"] += entity is None
            mentions = prediction["mentions"]
            named = [m for m in mentions if m.get("form") in NAMING_FORMS]
            keys = ("all", "quoted" if span["quote"] else "not_quoted")
            for key, among in ((keys, mentions), (("names",), named)):
                labels = _sentence_labels(entity, span["sentence"], among)
                for k in key:
                    counts[f"{k}_spans"] += 1
                    counts[f"{k}_covered"] += bool(labels)
                    counts[f"{k}_correct"] += bool(labels) and _majority(labels) == span["polarity"]
    figures = {key: _group(counts, key) for key in ("all", "quoted", "not_quoted", "names")}
    return {
        **figures.pop("all"),
        "by_quote": {key: figures[key] for key in ("quoted", "not_quoted")},
        "names_only": figures["names"],
        "unmatched_targets": counts["unmatched_targets"],
    }


def _sentence_labels(
    entity: str | None, sentence: dict[str, int], mentions: list[Record]
) -> list[str]:
    """Labels of the entity's mentions lying wholly inside the sentence."""
    bounds = (sentence["start"], sentence["end"])
    return [
        m["label"]
        for m in mentions
        if entity is not None and m["actor"] == entity and _inside((m["start"], m["end"]), bounds)
    ]


def _speaker(pairs: list[tuple[Record, Record]]) -> dict[str, Any]:
    """Whether the attribution over each named speaker's quote names that speaker."""
    counts: Counter[str] = Counter()
    for record, prediction in pairs:
        types = {e["name"]: e.get("type") for e in prediction["entities"]}
        for span in record["spans"]:
            if not span["quote"] or span["speaker_kind"] != NAMED_SPEAKER:
                continue
            kind = _speaker_kind(types.get(span["speaker"]))
            keys = ("all", kind)
            for key in keys:
                counts[f"{key}_spans"] += 1
            best = _most_overlapping((span["start"], span["end"]), prediction["attributions"])
            if best is None:
                continue
            counts["no_source_actor"] += not best["source_names"]
            names = {w for name in best["source_names"] for w in _words(name)}
            gold = _words(span["speaker"] or "")
            ties = {w for name in best.get("source_affiliations", ()) for w in _words(name)}
            for key in keys:
                counts[f"{key}_covered"] += 1
                counts[f"{key}_correct"] += bool(names & gold)
                counts[f"{key}_tied"] += bool((names | ties) & gold)
    return {
        **_group(counts, "all"),
        "covered_without_source_actor": counts["no_source_actor"],
        "accuracy_with_affiliations": _ratio(counts["all_tied"], counts["all_spans"]),
        "by_speaker_type": {
            kind: {
                **_group(counts, kind),
                "accuracy_with_affiliations": _ratio(
                    counts[f"{kind}_tied"], counts[f"{kind}_spans"]
                ),
            }
            for kind in SPEAKER_KINDS
        },
    }


def _speaker_kind(actor_type: str | None) -> str:
    """``person`` for a speaker the report types as a person, ``other`` for a group,
    organisation or country, ``none`` when the report found no actor of that name."""
    if actor_type is None:
        return "none"
    return "person" if actor_type == "person" else "other"


def _group(counts: Counter[str], key: str) -> dict[str, Any]:
    """Accuracy over all spans, accuracy over covered spans, coverage, and their counts."""
    spans, covered, correct = (counts[f"{key}_{part}"] for part in ("spans", "covered", "correct"))
    return {
        "accuracy": _ratio(correct, spans),
        "accuracy_when_covered": _ratio(correct, covered),
        "coverage": _ratio(covered, spans),
        "spans": spans,
        "covered": covered,
        "correct": correct,
    }


def _entity(target: str | None, entities: list[Record]) -> str | None:
    """The entity name a span's target refers to: same name, else same name ignoring case."""
    names = [entity["name"] for entity in entities]
    if target in names:
        return target
    folded = [name for name in names if target is not None and _fold(name) == _fold(target)]
    return folded[0] if len(folded) == 1 else None


def _majority(labels: list[str]) -> str:
    """The label held by strictly more mentions than any other; a tie for the top is neutral."""
    ranked = Counter(labels).most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return NEUTRAL
    return ranked[0][0]


def _most_overlapping(span: Range, attributions: list[Record]) -> Record | None:
    """The attribution whose content shares most characters with ``span`` (first on a tie)."""
    best: tuple[int, Record] | None = None
    for attribution in attributions:
        content = attribution["content"]
        shared = min(span[1], content["end"]) - max(span[0], content["start"])
        if shared > 0 and (best is None or shared > best[0]):
            best = (shared, attribution)
    return best[1] if best else None


def _inside(inner: Range, outer: Range) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _fold(text: str) -> str:
    """Lower-case text without accents, for comparing names."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return ascii_text.casefold()


def _words(name: str) -> set[str]:
    """The words of a name that can identify someone (longer than two letters), folded."""
    return {w for w in WORD.findall(_fold(name)) if len(w) > MAX_IGNORED_WORD}


def _ratio(part: int, whole: int) -> float:
    return _round(part / whole) if whole else 0.0


def _round(value: float) -> float:
    return round(value, DIGITS)
