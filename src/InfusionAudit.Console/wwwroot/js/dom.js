// Builds DOM from data. Every value goes in as text (never markup): evidence texts and ids come from devices.

/** h("button.primary", {type: "button", onclick}, "text", child…) */
export function h(tag, attrs, ...children) {
  const [name, ...classes] = tag.split(".");
  const el = document.createElement(name);
  if (classes.length) el.className = classes.join(" ");
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const SHAPES = { critical: "▲", warning: "◆", info: "●" };
const RANK = { critical: 3, warning: 2, info: 1 };

export const severityRank = s => RANK[s] || 0;

/** Severity as shape and text, never colour alone. */
export function severityBadge(severity) {
  const s = severity || "info";
  return h(`span.sev.sev-${s}`, {}, h("span", { "aria-hidden": "true" }, SHAPES[s] || "●"), " ", s.toUpperCase());
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });

export const time = iso => iso ? timeFormat.format(new Date(iso)) : "–";
export const dateTime = iso => iso ? dateTimeFormat.format(new Date(iso)) : "–";

export function timeElement(iso, format = dateTime) {
  return iso ? h("time", { datetime: iso }, format(iso)) : "–";
}

/** "in 3 min" / "4 min ago", for deadlines. */
export function relative(iso, now = Date.now()) {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  const text = abs < 60 ? `${abs} s` : abs < 3600 ? `${Math.round(abs / 60)} min` : `${Math.round(abs / 360) / 10} h`;
  return seconds >= 0 ? `in ${text}` : `${text} ago`;
}

export const number = (value, unit) => value === null || value === undefined ? "–" : `${value}${unit ? " " + unit : ""}`;
