/* The editor's page: one POST /v1/analyze, shown as highlighted text, an actor table and metric
 * cards. Article text only ever enters the page as text nodes (textContent), never as markup. */
"use strict";

(function () {
  const ANALYZE_URL = "/v1/analyze";
  const API_KEY_HEADER = "X-API-Key";
  // Sentiment scores run from -1 to +1. The API labels each one; only an unlabelled score is
  // called neutral within this distance of 0 (scoring.sentiment.TOWARD_THRESHOLD).
  const NEUTRAL_BAND = 0.15;
  const SVG_NS = "http://www.w3.org/2000/svg";
  // A value is "typical" within the reference range widened by this many reference standard
  // deviations on each side (scoring.scores.BAND_MARGIN_STD); the plots shade that stretch.
  const BAND_MARGIN_STD = 0.5;
  const HEDGE_CATEGORIES = {
    modal: "modal verb",
    epistemic_verb: "epistemic verb",
    epistemic_adverb: "epistemic adverb",
    approximator: "approximator",
    conditional: "conditional",
    phrase: "hedging phrase",
    negated_certainty: "negated certainty",
  };
  const KIND_NAMES = { direct: "direct quote", indirect: "indirect speech", according_to: "“according to”" };
  const SOURCE_TYPES = {
    named_person: "named person",
    named_organisation: "named organisation",
    document: "document",
    anonymous: "anonymous source",
    unattributed: "no source",
  };
  // Statements listed under a selected actor in the details panel.
  const MAX_STATEMENTS = 8;
  // Longest quoted content shown in the details panel.
  const DETAIL_CHARS = 240;
  const DETAILS_HINT = "Click a highlighted word, or choose an actor, to see what was found there.";
  const FIELD_NAMES = { "/text": "Article", "/html": "Article (HTML)", "/title": "Title" };

  // The API key lives in this variable only (and the field itself): never in storage or cookies.
  let apiKey = "";
  let annotations = new Map();
  let currentReport = {};

  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    return node;
  }

  // Reading the report ----------------------------------------------------------------------

  function asList(value) {
    if (Array.isArray(value)) return value;
    if (value && typeof value === "object") {
      return Object.entries(value).map(([id, item]) => (item && typeof item === "object" ? { id, ...item } : { id, value: item }));
    }
    return [];
  }

  function num(value) {
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (value && typeof value === "object") {
      for (const key of ["score", "value", "mean", "share"]) {
        if (typeof value[key] === "number") return value[key];
      }
    }
    return null;
  }

  function spanOf(item) {
    if (!item || typeof item !== "object") return null;
    const span = item.span && typeof item.span === "object" ? item.span : item;
    if (typeof span.start !== "number" || typeof span.end !== "number") return null;
    return span;
  }

  function actorSentiment(report, actor) {
    if (actor.sentiment && typeof actor.sentiment === "object") return actor.sentiment;
    const list = asList(report.sentiment || (report.analysis && report.analysis.sentiment));
    return list.find((s) => [s.actor, s.actor_id, s.id].includes(actor.id)) || {};
  }

  /** The actor's share of the article's quoted and reported words (attribution.voice_share). */
  function voiceShare(report, actorId, sentiment) {
    const own = num(sentiment.voice_share ?? sentiment.voice);
    if (own !== null) return own;
    const block = report.attribution || {};
    const entry = asList(block.voice_share).find((v) => String(v.actor_id) === actorId);
    return entry ? num(entry.share) : null;
  }

  function hedging(report) {
    return report.hedging || {};
  }

  function attributions(report) {
    const block = report.attribution || {};
    return asList(Array.isArray(block) ? block : block.attributions);
  }

  function comparisonMetrics(report) {
    const block = report.comparison || report.baseline || {};
    return asList(block.composites).concat(asList(block.metrics || report.metrics));
  }

  /** "negative", "neutral" or "positive": the API's label when it gives one, else from the score. */
  function toneOf(summary) {
    if (summary && ["negative", "neutral", "positive"].includes(summary.label)) return summary.label;
    return sentimentClass(num(summary));
  }

  /** A summary's score, or null when it rests on no mentions (nothing to show). */
  function scoreOf(summary) {
    if (summary && typeof summary === "object" && summary.mentions === 0) return null;
    return num(summary);
  }

  /** Per-mention sentiment of one actor, by "start:end" of the mention. */
  function mentionTones(sentiment) {
    const tones = new Map();
    for (const item of asList(sentiment.evidence)) {
      const span = spanOf(item.mention);
      if (span) tones.set(`${span.start}:${span.end}`, item);
    }
    return tones;
  }

  function sentimentClass(score) {
    if (score === null) return "neutral";
    if (score <= -NEUTRAL_BAND) return "negative";
    if (score >= NEUTRAL_BAND) return "positive";
    return "neutral";
  }

  function isAnonymous(item) {
    return item.source_type === "anonymous";
  }

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
        add("mention", `${actorId}:${m}`, span, { actor, actorId, tone, here, overall, score: num(sentiment.toward) });
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
      titles.push(`${span.info.actor.name || "actor"}: ${span.info.tone} here`);
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

  function renderText(report) {
    const text = String(report.text || "");
    const found = collectAnnotations(report);
    annotations = new Map(found.map((a) => [`${a.kind}:${a.id}`, a]));
    const box = $("article-text");
    box.replaceChildren(...segments(text, found).map((piece) => segmentNode(text, piece)));
    box.classList.remove("has-selection");
  }

  // Legend and details ----------------------------------------------------------------------

  function renderLegend(report) {
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

  function showDetails(target) {
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

  function detailItem(found) {
    const info = found.info;
    if (found.kind === "mention") {
      const words = info.here ? asList(info.here.words).map((w) => spanOf(w)).filter(Boolean).map((w) => quoted(w.exact || "")) : [];
      return el("li", {}, el("strong", { text: info.actor.name || "Actor" }), ` (${info.actor.type || "actor"}): ${info.tone} here`,
        words.length ? ` (${words.join(", ")})` : "",
        info.here && info.here.voice ? `, in the ${info.here.voice}’s voice` : "",
        info.score === null ? "" : `; ${fmtScore(info.score)} (${info.overall}) over the article`);
    }
    if (found.kind === "hedge" || found.kind === "booster") {
      const label = found.kind === "booster" ? "Booster" : `Hedge (${HEDGE_CATEGORIES[info.category] || info.category || "cue"})`;
      return el("li", {}, el("strong", { text: label }), `: ${quoted(spanOf(info).exact || "")}`, info.voice ? `, in the ${info.voice}’s voice` : "");
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

  function renderLists(report) {
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
  function focusFound(button) {
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

  // Actors ------------------------------------------------------------------------------------

  /** At most ``DETAIL_CHARS`` characters of a long stretch of text, with an ellipsis. */
  function cut(words) {
    return words.length <= DETAIL_CHARS ? words : `${words.slice(0, DETAIL_CHARS - 1)}…`;
  }

  /** Words in quotation marks, unless they already carry their own (a direct quote does). */
  function quoted(words) {
    return /^["“„«‘']/.test(words) ? words : `“${words}”`;
  }

  function fmtScore(value) {
    if (value === null) return "–";
    return (value > 0 ? "+" : value < 0 ? "−" : "") + Math.abs(value).toFixed(2);
  }

  function fmtShare(value) {
    return value === null ? "–" : `${Math.round(value * 100)}%`;
  }

  /** A table cell for a sentiment summary: its score, coloured by its label; "–" when empty. */
  function scoreCell(summary, empty) {
    const value = empty ? null : num(summary);
    const tone = value === null ? "neutral" : toneOf(summary);
    return el("td", { class: `num tone-text-${tone}`, text: fmtScore(value) });
  }

  function renderActors(report) {
    const rows = asList(report.actors).map((actor, a) => {
      const actorId = String(actor.id ?? `actor${a}`);
      const s = actorSentiment(report, actor);
      const toward = scoreOf(s.toward);
      const button = el("button", { type: "button", class: "actor-button", "aria-pressed": "false", "data-actor": actorId },
        el("span", { class: `dot tone-${toneOf(s.toward)}`, "aria-hidden": "true" }),
        el("span", { text: actor.name || actorId }));
      return el("tr", { "data-actor": actorId },
        el("th", { scope: "row" }, button,
          el("span", { class: "actor-type", text: [actor.type, toward === null ? null : `${fmtScore(toward)} overall`].filter(Boolean).join(" · ") })),
        el("td", { class: "num", text: String(asList(actor.mentions).length) }),
        scoreCell(s.toward_narrator, scoreOf(s.toward_narrator) === null),
        scoreCell(s.toward_quoted, scoreOf(s.toward_quoted) === null),
        scoreCell(s.by, Boolean(s.by && s.by.quotes === 0)),
        el("td", { class: "num", text: fmtShare(voiceShare(report, actorId, s)) }));
    });
    const body = $("actors").tBodies[0];
    if (rows.length === 0) {
      rows.push(el("tr", {}, el("td", { colspan: "6", class: "muted", text: "No actors were found." })));
    }
    body.replaceChildren(...rows);
  }

  function selectActor(button) {
    const actorId = button.dataset.actor;
    const wasPressed = button.getAttribute("aria-pressed") === "true";
    document.querySelectorAll(".actor-button").forEach((b) => b.setAttribute("aria-pressed", "false"));
    const box = $("article-text");
    box.querySelectorAll(".seg.selected").forEach((s) => s.classList.remove("selected"));
    box.classList.toggle("has-selection", !wasPressed);
    if (wasPressed) {
      $("status").textContent = "";
      $("details").replaceChildren(el("p", { class: "muted", text: DETAILS_HINT }));
      return;
    }
    button.setAttribute("aria-pressed", "true");
    let count = 0;
    box.querySelectorAll(".seg.mention").forEach((seg) => {
      if ((seg.dataset.actor || "").split(" ").includes(actorId)) {
        seg.classList.add("selected");
        count += 1;
      }
    });
    $("status").textContent = `${button.textContent}: ${count === 0 ? "no mentions" : "mentions highlighted"} in the text.`;
    showActorDetails(actorId);
  }

  /** What the report says about one actor: portrayal, and what the text attributes to it. */
  function showActorDetails(actorId) {
    const report = currentReport;
    const actor = asList(report.actors).find((a, i) => String(a.id ?? `actor${i}`) === actorId);
    if (!actor) return;
    const s = actorSentiment(report, actor);
    const toward = scoreOf(s.toward);
    const said = attributions(report).filter((item) => String(item.source_actor) === actorId);
    const lines = [
      el("li", {}, el("strong", { text: actor.name || actorId }), ` (${actor.type || "actor"}), ${asList(actor.mentions).length} mentions`),
      el("li", { text: toward === null ? "Sentiment toward: not reported" : `Sentiment toward: ${fmtScore(toward)} (${toneOf(s.toward)})` }),
      el("li", { text: voiceShare(report, actorId, s) === null ? "Voice: no quoted or reported words" : `Voice: ${fmtShare(voiceShare(report, actorId, s))} of quoted and reported words` }),
    ];
    const aliases = asList(actor.aliases).filter((alias) => alias !== actor.name);
    if (aliases.length) lines.push(el("li", { text: `Also called: ${aliases.join(", ")}` }));
    const statements = said.slice(0, MAX_STATEMENTS).map((item) => el("li", { text: `${KIND_NAMES[item.kind] || "statement"}: ${quoted((spanOf(item.content) || {}).exact || "")}` }));
    $("details").replaceChildren(
      el("ul", { class: "detail-list" }, ...lines),
      said.length ? el("h4", { text: `Attributed to ${actor.name || actorId} (${said.length})` }) : null,
      statements.length ? el("ul", { class: "detail-list statements" }, ...statements) : null);
  }

  // Metrics -------------------------------------------------------------------------------------

  function referenceValues(metric) {
    const ref = metric.reference || {};
    const raw = ref.values || ref.articles || metric.reference_values || [];
    return asList(raw).map((item, i) => (typeof item === "number"
      ? { label: `reference article ${i + 1}`, value: item }
      : { label: item.name || item.article || item.id || `reference article ${i + 1}`, value: num(item.value ?? item) }))
      .filter((item) => item.value !== null);
  }

  function fmtValue(metric, value) {
    if (value === null) return "–";
    const unit = String(metric.unit || "");
    if (unit.startsWith("share of")) return `${(value * 100).toFixed(Math.abs(value) < 0.1 ? 1 : 0)}%`;
    if (unit.startsWith("percent")) return `${value.toFixed(1)}%`;
    if (unit.startsWith("score 0-100")) return value.toFixed(0);
    const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
    return value.toFixed(digits);
  }

  function typicalRange(ref) {
    if (typeof ref.min !== "number" || typeof ref.max !== "number") return null;
    const slack = BAND_MARGIN_STD * (typeof ref.std === "number" ? ref.std : 0);
    return [ref.min - slack, ref.max + slack];
  }

  function plot(metric, value, refs) {
    const width = 280;
    const height = 46;
    const pad = 12;
    const all = refs.map((r) => r.value).concat(value === null ? [] : [value]);
    const ref = metric.reference || {};
    const typical = typicalRange(ref);
    if (typical) all.push(typical[0], typical[1]);
    let lo = Math.min(...all);
    let hi = Math.max(...all);
    if (!Number.isFinite(lo)) return null;
    if (hi - lo < 1e-9) { lo -= 1; hi += 1; }
    const x = (v) => pad + ((v - lo) / (hi - lo)) * (width - 2 * pad);
    const label = `${metric.name || metric.id}: this article ${fmtValue(metric, value)}; reference articles ${refs.map((r) => fmtValue(metric, r.value)).join(", ") || "none"}`;
    const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "plot", role: "img", "aria-label": label });
    const title = svg("title");
    title.textContent = label;
    root.append(title);
    if (typical) {
      const from = x(typical[0]);
      const to = x(typical[1]);
      root.append(svg("rect", { x: from, y: 10, width: Math.max(1, to - from), height: 16, class: "plot-band" }));
    }
    root.append(svg("line", { x1: pad, x2: width - pad, y1: 18, y2: 18, class: "plot-axis" }));
    refs.forEach((r) => root.append(svg("circle", { cx: x(r.value), cy: 18, r: 4.5, class: "plot-ref" })));
    if (value !== null) {
      const cx = x(value);
      root.append(svg("path", { d: `M${cx} 9 L${cx + 8} 18 L${cx} 27 L${cx - 8} 18 Z`, class: "plot-value" }));
    }
    for (const [v, anchor, at] of [[lo, "start", pad - 6], [hi, "end", width - pad + 6]]) {
      const t = svg("text", { x: at, y: 42, "text-anchor": anchor, class: "plot-label" });
      t.textContent = fmtValue(metric, v);
      root.append(t);
    }
    return root;
  }

  function metricCard(metric) {
    const value = num(metric.value);
    const band = ["low", "typical", "high"].includes(metric.band) ? metric.band : null;
    const refs = referenceValues(metric);
    return el("article", { class: "metric" },
      el("h4", { text: metric.name || metric.id || "Metric" }),
      el("p", { class: "metric-value" },
        el("span", { class: "value", text: fmtValue(metric, value) }),
        band ? el("span", { class: `band band-${band}`, text: band }) : null),
      metric.unit ? el("p", { class: "unit", text: metric.unit }) : null,
      metric.explanation ? el("p", { class: "explanation", text: metric.explanation }) : null,
      plot(metric, value, refs));
  }

  function renderMetrics(report) {
    const metrics = comparisonMetrics(report);
    const cards = metrics.map(metricCard);
    if (cards.length === 0) cards.push(el("p", { class: "muted", text: "No comparison with reference articles in this report." }));
    $("metrics").replaceChildren(...cards);
  }

  // Summary and warnings ------------------------------------------------------------------

  function renderSummary(report) {
    const actors = asList(report.actors);
    const mentions = actors.reduce((n, a) => n + asList(a.mentions).length, 0);
    const attrs = attributions(report);
    const anonymous = attrs.filter(isAnonymous).length;
    const words = report.words ?? (report.analysis && report.analysis.words) ?? hedging(report).words;
    const parts = [
      typeof words === "number" ? `${words} words` : null,
      `${actors.length} actors (${mentions} mentions)`,
      `${asList(hedging(report).cues).length} hedge cues`,
      `${asList(hedging(report).boosters).length} boosters`,
      `${attrs.length} attributions (${anonymous} anonymous)`,
    ].filter(Boolean);
    $("summary").textContent = parts.join(" · ");
    const warnings = asList(report.warnings).map((w) => (typeof w === "string" ? w : w.detail || w.message || w.code || ""));
    const list = $("warnings");
    list.replaceChildren(...warnings.filter(Boolean).map((w) => el("li", { text: w })));
    list.hidden = list.children.length === 0;
  }

  // Problems ----------------------------------------------------------------------------------

  function showProblem(problem) {
    const box = $("problem");
    const errors = asList(problem.errors).map((e) => {
      const where = FIELD_NAMES[e.pointer] || (e.pointer ? `At ${e.pointer}` : "");
      return el("li", { text: where ? `${where}: ${e.detail || e.message || ""}` : String(e.detail || e.message || "") });
    });
    const heading = problem.title || "The analysis failed";
    box.replaceChildren(
      el("h2", { text: problem.status ? `${heading} (${problem.status})` : heading }),
      problem.detail ? el("p", { text: problem.detail }) : null,
      errors.length ? el("ul", {}, ...errors) : null);
    box.hidden = false;
    const fields = asList(problem.errors).map((e) => e.pointer);
    $("article").setAttribute("aria-invalid", String(fields.includes("/text") || fields.includes("/html")));
    $("title").setAttribute("aria-invalid", String(fields.includes("/title")));
    if (problem.status === 401) {
      $("key-box").open = true;
      $("api-key").focus();
    }
  }

  function clearProblem() {
    $("article").removeAttribute("aria-invalid");
    $("title").removeAttribute("aria-invalid");
    $("problem").hidden = true;
    $("problem").replaceChildren();
  }

  // Submitting --------------------------------------------------------------------------------

  function requestBody() {
    const format = document.querySelector("input[name=format]:checked").value;
    const body = { [format === "html" ? "html" : "text"]: $("article").value };
    const title = $("title").value.trim();
    if (title) body.title = title;
    return body;
  }

  async function readProblem(response) {
    try {
      return await response.json();
    } catch (err) {
      return { title: response.statusText || "The analysis failed", status: response.status, detail: "The service answered with something other than JSON." };
    }
  }

  async function analyze(event) {
    event.preventDefault();
    const button = $("analyze");
    apiKey = $("api-key").value.trim();
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    if (apiKey) headers[API_KEY_HEADER] = apiKey;
    button.disabled = true;
    $("status").textContent = "Analysing…";
    clearProblem();
    try {
      const response = await fetch(ANALYZE_URL, { method: "POST", headers, body: JSON.stringify(requestBody()) });
      if (!response.ok) {
        $("status").textContent = "";
        $("results").hidden = true;
        showProblem(await readProblem(response));
        return;
      }
      showReport(await response.json());
      $("status").textContent = "Analysis done.";
    } catch (err) {
      $("status").textContent = "";
      showProblem({ title: "The service could not be reached", detail: String(err && err.message ? err.message : err) });
    } finally {
      button.disabled = false;
    }
  }

  function showReport(report) {
    currentReport = report;
    renderSummary(report);
    renderLegend(report);
    renderText(report);
    renderActors(report);
    renderLists(report);
    renderMetrics(report);
    $("details").replaceChildren(el("p", { class: "muted", text: DETAILS_HINT }));
    const results = $("results");
    results.hidden = false;
    results.dataset.ready = "true";
  }

  /** Open the API key field at once when the service says it needs one. */
  async function checkAuth() {
    try {
      const response = await fetch("/v1/info", { headers: { Accept: "application/json" } });
      const info = response.ok ? await response.json() : null;
      if (response.status === 401 || (info && info.auth)) $("key-box").open = true;
    } catch (err) {
      // The page still works; a missing key shows as a problem on Analyze.
    }
  }

  function start() {
    checkAuth();
    $("analyze-form").addEventListener("submit", analyze);
    $("article-text").addEventListener("click", (event) => showDetails(event.target));
    document.querySelector(".found-box").addEventListener("click", (event) => {
      const button = event.target.closest(".found-button");
      if (button) focusFound(button);
    });
    $("actors").addEventListener("click", (event) => {
      const button = event.target.closest(".actor-button");
      if (button) selectActor(button);
    });
  }

  document.addEventListener("DOMContentLoaded", start);
})();
