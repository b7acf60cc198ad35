/* Reading the report of POST /v1/analyze: small accessors that tolerate missing parts. */

// Sentiment scores run from -1 to +1. The API labels each one; only an unlabelled score is
// called neutral within this distance of 0 (scoring.sentiment.TOWARD_THRESHOLD).
export const NEUTRAL_BAND = 0.15;
export const HEDGE_CATEGORIES = {
  modal: "modal verb",
  epistemic_verb: "epistemic verb",
  epistemic_adverb: "epistemic adverb",
  approximator: "approximator",
  conditional: "conditional",
  phrase: "hedging phrase",
  negated_certainty: "negated certainty",
  vague_source: "vague source",
};
// Mention forms that are references resolved to an actor, not its name.
export const REFERENCE_FORMS = { pronoun: "pronoun", nominal: "role noun" };
export const KIND_NAMES = { direct: "direct quote", indirect: "indirect speech", according_to: "“according to”" };
export const SOURCE_TYPES = {
  named_person: "named person",
  named_organisation: "named organisation",
  document: "document",
  anonymous: "anonymous source",
  vague: "vague source",
  unattributed: "no source",
};

export function asList(value) {
  if (Array.isArray(value)) return value;
  if (value && typeof value === "object") {
    return Object.entries(value).map(([id, item]) => (item && typeof item === "object" ? { id, ...item } : { id, value: item }));
  }
  return [];
}

export function num(value) {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (value && typeof value === "object") {
    for (const key of ["score", "value", "mean", "share"]) {
      if (typeof value[key] === "number") return value[key];
    }
  }
  return null;
}

export function spanOf(item) {
  if (!item || typeof item !== "object") return null;
  const span = item.span && typeof item.span === "object" ? item.span : item;
  if (typeof span.start !== "number" || typeof span.end !== "number") return null;
  return span;
}

export function actorSentiment(report, actor) {
  if (actor.sentiment && typeof actor.sentiment === "object") return actor.sentiment;
  const list = asList(report.sentiment || (report.analysis && report.analysis.sentiment));
  return list.find((s) => [s.actor, s.actor_id, s.id].includes(actor.id)) || {};
}

/** The actor's share of the article's quoted and reported words (attribution.voice_share). */
export function voiceShare(report, actorId, sentiment) {
  const own = num(sentiment.voice_share ?? sentiment.voice);
  if (own !== null) return own;
  const block = report.attribution || {};
  const entry = asList(block.voice_share).find((v) => String(v.actor_id) === actorId);
  return entry ? num(entry.share) : null;
}

export function hedging(report) {
  return report.hedging || {};
}

export function attributions(report) {
  const block = report.attribution || {};
  return asList(Array.isArray(block) ? block : block.attributions);
}

export function comparisonMetrics(report) {
  const block = report.comparison || report.baseline || {};
  return asList(block.composites).concat(asList(block.metrics || report.metrics));
}

/** "negative", "neutral" or "positive": the API's label when it gives one, else from the score. */
export function toneOf(summary) {
  if (summary && ["negative", "neutral", "positive"].includes(summary.label)) return summary.label;
  return sentimentClass(num(summary));
}

/** A summary's score, or null when it rests on no mentions (nothing to show). */
export function scoreOf(summary) {
  if (summary && typeof summary === "object" && summary.mentions === 0) return null;
  return num(summary);
}

/** Per-mention sentiment of one actor, by "start:end" of the mention. */
export function mentionTones(sentiment) {
  const tones = new Map();
  for (const item of asList(sentiment.evidence)) {
    const span = spanOf(item.mention);
    if (span) tones.set(`${span.start}:${span.end}`, item);
  }
  return tones;
}

export function sentimentClass(score) {
  if (score === null) return "neutral";
  if (score <= -NEUTRAL_BAND) return "negative";
  if (score >= NEUTRAL_BAND) return "positive";
  return "neutral";
}

export function isAnonymous(item) {
  return item.source_type === "anonymous";
}
