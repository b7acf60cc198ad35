/* The article text with its highlights, the legend, the details panel and the lists of what was
 * found. Overlapping spans are handled by cutting the text at every span boundary. */

import { $, el, cut, fmtScore, quoted } from "./dom.js";
import {
  HEDGE_CATEGORIES, KIND_NAMES, REFERENCE_FORMS, SOURCE_TYPES, actorSentiment, asList, attributions, hedging,
  isAnonymous, mentionTones, num, spanOf, toneOf,
} from "./report.js";

export const DETAILS_HINT = "Click a highlighted word, or choose an actor, to see what was found there.";

// Every highlighted span of the report shown, by "kind:id".
let annotations = new Map();

// Offsets -----------------------------------------------------------------------------------

/** The API counts code points; JavaScript strings count UTF-16 units. Map one to the other. */
function offsetMapper(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (offset) => offset;
  const units = [0];
  let position = 0;
  for (const character of text) {
    position += character.length;
    units.push(position);
  }
  return (offset) => units[Math.min(offset, units.length - 1)];
}

// Annotations: every highlighted span, with what it is ------------------------------------

function collectAnnotations(report) {
  const found = [];
  const add = (kind, id, span, info) => {
    if (span && span.end > span.start) found.push({ kind, id, start: span.start, end: span.end, info });
  };
  asList(report.actors).forEach((actor, a) => {
    const actorId = String(actor.id ?? `actor${a}`);
    const sentiment = actorSentiment(report, actor);
    const overall = toneOf(sentiment.toward);
    const tones = mentionTones(sentiment);
    asList(actor.mentions).forEach((mention, m) => {
      const span = spanOf(mention);
      const here = span ? tones.get(`${span.start}:${span.end}`) : undefined;
      const tone = here ? toneOf(here) : overall;
      add("mention", `${actorId}:${m}`, span, { actor, actorId, tone, here, overall, score: num(sentiment.toward), form: mention.form });
    });
  });
  asList(hedging(report).cues).forEach((cue, i) => add("hedge", `h${i}`, spanOf(cue), cue));
  asList(hedging(report).boosters).forEach((booster, i) => add("booster", `b${i}`, spanOf(booster), booster));
  attributions(report).forEach((item, i) => {
    add("source", `t${i}`, spanOf(item.source), item);
    add("cue", `t${i}`, spanOf(item.cue), item);
    add("content", `t${i}`, spanOf(item.content), item);
  });
  return found;
}

/** Split the text at every span boundary; each piece knows every span that covers it. */
function segments(text, found) {
  const toUnits = offsetMapper(text);
  const spans = found.map((a) => ({ ...a, from: toUnits(a.start), to: toUnits(a.end) }));
  const bounds = new Set([0, text.length]);
  spans.forEach((s) => { bounds.add(s.from); bounds.add(s.to); });
  const sorted = [...bounds].filter((b) => b >= 0 && b <= text.length).sort((x, y) => x - y);
  const starts = new Map();
  spans.forEach((s) => { if (!starts.has(s.from)) starts.set(s.from, []); starts.get(s.from).push(s); });
  let open = [];
  const pieces = [];
  for (let i = 0; i + 1 < sorted.length; i += 1) {
    const from = sorted[i];
    const to = sorted[i + 1];
    open = open.filter((s) => s.to > from).concat(starts.get(from) || []);
    pieces.push({ from, to, spans: open.filter((s) => s.to >= to) });
  }
  return pieces;
}

function segmentNode(text, piece) {
  const words = text.slice(piece.from, piece.to);
  if (piece.spans.length === 0) return document.createTextNode(words);
  const classes = new Set(["seg"]);
  const data = {};
  const titles = [];
  for (const span of piece.spans) {
    (data[span.kind] = data[span.kind] || []).push(span.id);
    describeSpan(span, piece, classes, data, titles);
  }
  const node = el("span", { class: [...classes].join(" "), title: titles.join("\n") });
  for (const [kind, ids] of Object.entries(data)) node.dataset[kind] = [...new Set(ids)].join(" ");
  node.textContent = words;
  return node;
}

function describeSpan(span, piece, classes, data, titles) {
  const last = span.to === piece.to;
  if (span.kind === "mention") {
    classes.add("mention").add(`tone-${span.info.tone}`);
    (data.actor = data.actor || []).push(span.info.actorId);
    const reference = REFERENCE_FORMS[span.info.form];
    if (reference) {
      classes.add("reference");
      titles.push(`${reference} for ${span.info.actor.name || "an actor"}: ${span.info.tone} here`);
    } else {
      titles.push(`${span.info.actor.name || "actor"}: ${span.info.tone} here`);
    }
  } else if (span.kind === "hedge") {
    const category = span.info.category in HEDGE_CATEGORIES ? span.info.category : "other";
    classes.add("hedge").add(`hedge-${category}`);
    titles.push(`hedge: ${HEDGE_CATEGORIES[category] || category}`);
  } else if (span.kind === "booster") {
    classes.add("booster");
    titles.push("booster");
  } else if (span.kind === "source") {
    classes.add("source");
    if (isAnonymous(span.info)) classes.add("anonymous");
    if (last && isAnonymous(span.info)) classes.add("anonymous-end");
    titles.push(`source: ${SOURCE_TYPES[span.info.source_type] || span.info.source_type || "source"}`);
  } else if (span.kind === "cue") {
    classes.add("cue");
    titles.push("attribution cue");
  } else if (span.kind === "content") {
    const kind = span.info.kind in KIND_NAMES ? span.info.kind : "indirect";
    classes.add("content").add(`content-${kind}`);
    if (!spanOf(span.info.source)) classes.add("unsourced");
    if (span.from === piece.from && !spanOf(span.info.source)) classes.add("unsourced-start");
    titles.push(`${KIND_NAMES[kind]}${spanOf(span.info.source) ? "" : " (no source named)"}`);
  }
}

export function renderText(report) {
  const text = String(report.text || "");
  const found = collectAnnotations(report);
  annotations = new Map(found.map((a) => [`${a.kind}:${a.id}`, a]));
  const box = $("article-text");
  box.replaceChildren(...segments(text, found).map((piece) => segmentNode(text, piece)));
  box.classList.remove("has-selection");
}

// Legend and details ----------------------------------------------------------------------

export function renderLegend(report) {
  const swatch = (cls, label) => el("li", {}, el("span", { class: `seg ${cls}`, "aria-hidden": "true", text: "Abc" }), ` ${label}`);
  const categories = new Set(asList(hedging(report).cues).map((c) => c.category));
  const hedges = Object.entries(HEDGE_CATEGORIES).filter(([key]) => categories.has(key))
    .map(([key, label]) => swatch(`hedge hedge-${key}`, `hedge: ${label}`));
  $("legend").replaceChildren(
    el("ul", { class: "legend-list", "aria-label": "Legend" },
      swatch("mention tone-negative", "actor, portrayed negatively here"),
      swatch("mention tone-neutral", "actor, neutral"),
      swatch("mention tone-positive", "actor, portrayed positively here"),
      ...hedges,
      swatch("booster", "booster"),
      swatch("source", "source"),
      swatch("source anonymous anonymous-end", "anonymous source"),
      swatch("cue", "attribution cue"),
      swatch("content content-direct", "direct quote"),
      swatch("content content-indirect", "indirect speech"),
      swatch("content content-according_to", "“according to”")),
  );
}

export function showDetails(target) {
  const seg = target.closest(".seg");
  if (!seg || !$("article-text").contains(seg)) return;
  const items = [];
  const seen = new Set();
  for (const kind of ["mention", "hedge", "booster", "source", "cue", "content"]) {
    for (const id of (seg.dataset[kind] || "").split(" ").filter(Boolean)) {
      const found = annotations.get(`${kind}:${id}`);
      // Source, cue and content of one attribution share its id: describe it once.
      const key = ["source", "cue", "content"].includes(kind) ? `attribution:${id}` : `${kind}:${id}`;
      if (found && !seen.has(key)) {
        seen.add(key);
        items.push(detailItem(found));
      }
    }
  }
  $("details").replaceChildren(el("ul", { class: "detail-list" }, ...items));
}

// Whose words a mention or cue is in (the report's voice values).
const VOICE_PHRASES = {
  narrator: "in the narrator’s voice",
  quoted: "inside a quote",
  reported: "in reported speech",
};

export function detailItem(found) {
  const info = found.info;
  if (found.kind === "mention") {
    const words = info.here ? asList(info.here.words).map((w) => spanOf(w)).filter(Boolean).map((w) => quoted(w.exact || "")) : [];
    return el("li", {}, el("strong", { text: info.actor.name || "Actor" }), ` (${info.actor.type || "actor"}): ${info.tone} here`,
      words.length ? ` (${words.join(", ")})` : "",
      info.here && info.here.voice ? `, ${VOICE_PHRASES[info.here.voice] || info.here.voice}` : "",
      info.score === null ? "" : `; ${fmtScore(info.score)} (${info.overall}) over the article`);
  }
  if (found.kind === "hedge" || found.kind === "booster") {
    const label = found.kind === "booster" ? "Booster" : `Hedge (${HEDGE_CATEGORIES[info.category] || info.category || "cue"})`;
    return el("li", {}, el("strong", { text: label }), `: ${quoted(spanOf(info).exact || "")}`, info.voice ? `, ${VOICE_PHRASES[info.voice] || info.voice}` : "");
  }
  const source = spanOf(info.source);
  return el("li", {},
    el("strong", { text: KIND_NAMES[info.kind] || "Attribution" }),
    source ? ` from ${quoted(source.exact || "")}` : " with no source named",
    ` (${SOURCE_TYPES[info.source_type] || info.source_type || "source"})`,
    spanOf(info.cue) ? `, cue ${quoted(spanOf(info.cue).exact || "")}` : "",
    spanOf(info.content) ? el("span", { class: "detail-content", text: quoted(cut(spanOf(info.content).exact || "")) }) : null);
}

// Lists of what was found: every attribution and hedge cue, reachable by keyboard ----------

function foundButton(kind, id, label, words) {
  return el("li", {}, el("button", { type: "button", class: "found-button", "data-kind": kind, "data-id": id },
    el("span", { class: "found-label", text: label }), " ", el("span", { text: quoted(words) })));
}

export function renderLists(report) {
  const attrs = attributions(report).map((item, i) => {
    const source = spanOf(item.source);
    const who = source ? ` · ${SOURCE_TYPES[item.source_type] || item.source_type || "source"} · ${source.exact}` : " · no source named";
    const label = `${KIND_NAMES[item.kind] || "attribution"}${who}:`;
    return foundButton("content", `t${i}`, label, (spanOf(item.content) || {}).exact || "");
  });
  const cues = asList(hedging(report).cues).map((cue, i) => foundButton(
    "hedge", `h${i}`, `${HEDGE_CATEGORIES[cue.category] || cue.category || "hedge"}${cue.voice ? `, ${cue.voice}` : ""}:`,
    (spanOf(cue) || {}).exact || ""));
  $("attribution-list").replaceChildren(...attrs);
  $("hedge-list").replaceChildren(...cues);
  $("attribution-count").textContent = `(${attrs.length})`;
  $("hedge-count").textContent = `(${cues.length})`;
}

/** Outline one attribution or hedge cue in the text, bring it into view, describe it. */
export function focusFound(button) {
  const { kind, id } = button.dataset;
  const box = $("article-text");
  box.querySelectorAll(".seg.focused").forEach((seg) => seg.classList.remove("focused"));
  const kinds = kind === "content" ? ["source", "cue", "content"] : [kind];
  const segs = [...box.querySelectorAll(".seg")].filter((seg) =>
    kinds.some((k) => (seg.dataset[k] || "").split(" ").includes(id)));
  segs.forEach((seg) => seg.classList.add("focused"));
  const first = segs.find((seg) => (seg.dataset[kind] || "").split(" ").includes(id)) || segs[0];
  if (!first) return;
  first.scrollIntoView({ block: "center" });
  const found = annotations.get(`${kind}:${id}`);
  if (found) $("details").replaceChildren(el("ul", { class: "detail-list" }, detailItem(found)));
}
