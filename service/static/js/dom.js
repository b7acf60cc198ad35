/* DOM and wording helpers shared by the page's modules. Text only ever enters as text nodes. */

export const SVG_NS = "http://www.w3.org/2000/svg";
// Longest quoted content shown in the details panel.
const DETAIL_CHARS = 240;

export const $ = (id) => document.getElementById(id);

export function el(tag, attrs, ...children) {
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

export function svg(tag, attrs) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
  return node;
}

/** At most ``DETAIL_CHARS`` characters of a long stretch of text, with an ellipsis. */
export function cut(words) {
  return words.length <= DETAIL_CHARS ? words : `${words.slice(0, DETAIL_CHARS - 1)}…`;
}

/** Words in quotation marks, unless they already carry their own (a direct quote does). */
export function quoted(words) {
  return /^["“„«‘']/.test(words) ? words : `“${words}”`;
}

export function fmtScore(value) {
  if (value === null) return "–";
  return (value > 0 ? "+" : value < 0 ? "−" : "") + Math.abs(value).toFixed(2);
}

export function fmtShare(value) {
  return value === null ? "–" : `${Math.round(value * 100)}%`;
}
