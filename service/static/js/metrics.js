/* Metric cards: value, band, explanation and a plot placing the article among the reference
 * articles for that metric. */

import { $, el, svg } from "./dom.js";
import { asList, comparisonMetrics, num } from "./report.js";

// A value is "typical" within the reference range widened by this many reference standard
// deviations on each side (scoring.reference.bands.BAND_MARGIN_STD); from EMPIRICAL_MIN
// reference articles on, between the reference's 5th and 95th percentiles
// (bands.EMPIRICAL_QUANTILES). The plots shade that stretch.
const BAND_MARGIN_STD = 0.5;
const EMPIRICAL_MIN = 30;
const EMPIRICAL_QUANTILES = [0.05, 0.95];

/** The values a metric can take, from its unit: plots never run past them (no -6.8% share). */
export function possibleRange(unit) {
  const text = String(unit || "");
  const stated = text.match(/(-?\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)/);
  if (stated) return [Number(stated[1]), Number(stated[2])];
  if (text.startsWith("share of")) return [0, 1];
  if (text.startsWith("percent of")) return [0, 100];
  if (text.startsWith("percentage points")) return [-100, 100];
  return [0, Infinity];  // counts per 100 or 1000 words
}

function quantile(sorted, q) {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

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

function typicalRange(ref, refs, size) {
  // A large reference's comparisons list no per-article values (they are at GET
  // /v1/references/{name}): its percentile band cannot be drawn from the report.
  if (size >= EMPIRICAL_MIN && refs.length < size) return null;
  if (refs.length >= EMPIRICAL_MIN) {
    const sorted = refs.map((r) => r.value).sort((a, b) => a - b);
    return EMPIRICAL_QUANTILES.map((q) => quantile(sorted, q));
  }
  if (typeof ref.min !== "number" || typeof ref.max !== "number") return null;
  const slack = BAND_MARGIN_STD * (typeof ref.std === "number" ? ref.std : 0);
  return [ref.min - slack, ref.max + slack];
}

function clamp(value, [low, high]) {
  return Math.min(high, Math.max(low, value));
}

function plot(metric, value, refs, size) {
  const width = 280;
  const height = 46;
  const pad = 12;
  const all = refs.map((r) => r.value).concat(value === null ? [] : [value]);
  const ref = metric.reference || {};
  const possible = possibleRange(metric.unit);
  const shaded = typicalRange(ref, refs, size);
  if (typeof ref.min === "number" && typeof ref.max === "number") all.push(ref.min, ref.max);
  const typical = shaded && shaded.map((v) => clamp(v, possible));
  if (typical) all.push(typical[0], typical[1]);
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (!Number.isFinite(lo)) return null;
  if (hi - lo < 1e-9) { lo -= 1; hi += 1; }
  lo = clamp(lo, possible);
  hi = clamp(hi, possible);
  if (hi - lo < 1e-9) { hi = Math.min(possible[1], lo + 1); lo = Math.max(possible[0], hi - 1); }
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

function metricCard(metric, size) {
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
    plot(metric, value, refs, size));
}

export function renderMetrics(report) {
  const metrics = comparisonMetrics(report);
  const size = ((report.comparison || {}).reference || {}).size || 0;
  const cards = metrics.map((metric) => metricCard(metric, size));
  if (cards.length === 0) cards.push(el("p", { class: "muted", text: "No comparison with reference articles in this report." }));
  $("metrics").replaceChildren(...cards);
}
