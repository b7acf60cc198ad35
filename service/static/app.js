/* The editor's page: one POST /v1/analyze, shown as highlighted text, an actor table and metric
 * cards. Article text only ever enters the page as text nodes (textContent), never as markup. */

import { renderActors, selectActor } from "./js/actors.js";
import { $, el } from "./js/dom.js";
import { DETAILS_HINT, focusFound, renderLegend, renderLists, renderText, showDetails } from "./js/highlight.js";
import { renderMetrics } from "./js/metrics.js";
import { asList, attributions, hedging, isAnonymous } from "./js/report.js";

const ANALYZE_URL = "/v1/analyze";
const REFERENCES_URL = "/v1/references";
const BUILT_IN = ["seeds", "none"];
const API_KEY_HEADER = "X-API-Key";
const FIELD_NAMES = { "/text": "Article", "/html": "Article (HTML)", "/title": "Title" };

// The API key lives in this variable only (and the field itself): never in storage or cookies.
let apiKey = "";
// The reference sets the service offers, by name (GET /v1/references).
let references = new Map();

// Reference sets ----------------------------------------------------------------------------

function authHeaders() {
  const headers = { Accept: "application/json" };
  if (apiKey) headers[API_KEY_HEADER] = apiKey;
  return headers;
}

/** Fill the picker with the ready reference sets; the deployment's default is chosen. */
async function loadReferences() {
  try {
    const response = await fetch(REFERENCES_URL, { headers: authHeaders() });
    if (!response.ok) return;
    const listing = await response.json();
    references = new Map(asList(listing.references).map((item) => [item.name, item]));
    const options = asList(listing.references)
      .filter((item) => item.status === "ready")
      .map((item) => el("option", { value: item.name, text: item.builtin ? `${item.name} (built in)` : `${item.name} (${item.size} articles)` }));
    options.push(el("option", { value: "none", text: "no comparison" }));
    const picker = $("reference");
    picker.replaceChildren(...options);
    if (references.has(listing.default) || listing.default === "none") picker.value = listing.default;
  } catch (err) {
    // The built-in choices stay; a stored set can still be named by the API.
  }
}

function referenceOptions() {
  const chosen = $("reference").value;
  return BUILT_IN.includes(chosen) ? { baseline: chosen } : { reference: chosen };
}

function renderReference(report) {
  const box = $("reference-box");
  const comparison = report.comparison;
  if (!comparison) {
    box.hidden = true;
    return;
  }
  const info = comparison.reference || {};
  const listed = references.get(info.name) || {};
  const fit = comparison.topical_fit || {};
  const distance = comparison.distance || {};
  $("reference-name").textContent = `${info.name} · ${info.size} article${info.size === 1 ? "" : "s"}`;
  $("reference-about").textContent = [listed.description, fit.topic_terms && fit.topic_terms.length ? `Its topic: ${fit.topic_terms.join(", ")}.` : null, info.caveat ? `${info.caveat[0].toUpperCase()}${info.caveat.slice(1)}.` : null].filter(Boolean).join(" ");
  const rows = [
    ["Topical fit", typeof fit.similarity === "number" ? `${fit.similarity.toFixed(2)} (a warning below ${Number(fit.threshold).toFixed(2)})${fit.warning ? ": another topic" : ""}` : "–"],
    ["Distance", typeof distance.value === "number" ? `${distance.value.toFixed(1)}, further than ${Math.round(distance.percentile)}% of the reference articles` : distance.explanation || "–"],
  ];
  $("reference-fit").replaceChildren(...rows.flatMap(([term, value]) => [el("dt", { text: term }), el("dd", { text: value })]));
  box.hidden = false;
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
  body.options = referenceOptions();
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
  delete $("results").dataset.ready;  // what is shown is the previous article's until the answer
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
  renderSummary(report);
  renderLegend(report);
  renderText(report);
  renderActors(report);
  renderLists(report);
  renderReference(report);
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
  loadReferences();
  $("api-key").addEventListener("change", () => { apiKey = $("api-key").value.trim(); loadReferences(); });
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
