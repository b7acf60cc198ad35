/* The actor table: mentions, sentiment toward (narrator, quoted), sentiment by, voice share;
 * choosing an actor highlights its mentions and describes it. */

import { $, el, fmtScore, fmtShare, quoted } from "./dom.js";
import { DETAILS_HINT } from "./highlight.js";
import {
  KIND_NAMES, REFERENCE_FORMS, actorSentiment, asList, attributions, num, scoreOf, spanOf, toneOf,
  voiceShare,
} from "./report.js";

// Statements listed under a selected actor in the details panel.
const MAX_STATEMENTS = 8;

// The report whose actors the table shows.
let current = {};

/** A table cell for a sentiment summary: its score, coloured by its label; "–" when empty. */
function scoreCell(summary, empty) {
  const value = empty ? null : num(summary);
  const tone = value === null ? "neutral" : toneOf(summary);
  return el("td", { class: `num tone-text-${tone}`, text: fmtScore(value) });
}

export function renderActors(report) {
  current = report;
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

export function selectActor(button) {
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

/** ", 2 of them pronouns or role nouns (he, the senator)" when coreference found any. */
function referenceNote(actor) {
  const refs = asList(actor.mentions).filter((m) => m.form in REFERENCE_FORMS);
  if (!refs.length) return "";
  const words = [...new Set(refs.map((m) => (spanOf(m) || {}).exact).filter(Boolean))].slice(0, 4);
  return `, ${refs.length} of them pronouns or role nouns (${words.join(", ")})`;
}

/** "Harbor Alliance ('a spokeswoman for the Harbor Alliance')": who a person speaks for, with
 * the words that say so. */
function affiliationNote(report, actor) {
  const names = new Map(asList(report.actors).map((a, i) => [String(a.id ?? `actor${i}`), a.name]));
  return asList(actor.affiliations)
    .map((tie) => `${names.get(String(tie.actor_id)) || tie.actor_id} (${quoted((spanOf(tie) || {}).exact || "")})`)
    .join("; ");
}

/** What the report says about one actor: portrayal, and what the text attributes to it. */
function showActorDetails(actorId) {
  const report = current;
  const actor = asList(report.actors).find((a, i) => String(a.id ?? `actor${i}`) === actorId);
  if (!actor) return;
  const s = actorSentiment(report, actor);
  const toward = scoreOf(s.toward);
  const said = attributions(report).filter((item) => String(item.source_actor) === actorId);
  const lines = [
    el("li", {}, el("strong", { text: actor.name || actorId }), ` (${actor.type || "actor"}), ${asList(actor.mentions).length} mentions${referenceNote(actor)}`),
    el("li", { text: toward === null ? "Sentiment toward: not reported" : `Sentiment toward: ${fmtScore(toward)} (${toneOf(s.toward)})` }),
    el("li", { text: voiceShare(report, actorId, s) === null ? "Voice: no quoted or reported words" : `Voice: ${fmtShare(voiceShare(report, actorId, s))} of quoted and reported words` }),
  ];
  const aliases = asList(actor.aliases).filter((alias) => alias !== actor.name);
  if (aliases.length) lines.push(el("li", { text: `Also called: ${aliases.join(", ")}` }));
  const ties = affiliationNote(report, actor);
  if (ties) lines.push(el("li", { class: "affiliations", text: `Speaks for: ${ties}` }));
  const statements = said.slice(0, MAX_STATEMENTS).map((item) => el("li", { text: `${KIND_NAMES[item.kind] || "statement"}: ${quoted((spanOf(item.content) || {}).exact || "")}` }));
  $("details").replaceChildren(
    el("ul", { class: "detail-list" }, ...lines),
    said.length ? el("h4", { text: `Attributed to ${actor.name || actorId} (${said.length})` }) : null,
    statements.length ? el("ul", { class: "detail-list statements" }, ...statements) : null);
}
