// The HTTP API, with the signed-in key. Every refusal becomes an ApiProblem carrying the problem's own text.

const KEY = "infusionaudit.key";
const CLINIC = "infusionaudit.clinic";

export class ApiProblem extends Error {
  constructor(status, problem) {
    super([problem.title, problem.detail].filter(Boolean).join(": ") || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

// Kept for this tab only (sessionStorage): closing the tab signs out.
export const session = {
  get key() { return sessionStorage.getItem(KEY); },
  get clinic() { return sessionStorage.getItem(CLINIC) || ""; },
  set(key, clinic) {
    if (key) sessionStorage.setItem(KEY, key); else sessionStorage.removeItem(KEY);
    sessionStorage.setItem(CLINIC, clinic);
  },
  clear() { sessionStorage.removeItem(KEY); sessionStorage.removeItem(CLINIC); },
};

function headers(accept, extra) {
  const h = { Accept: accept, ...extra };
  if (session.key) h["x-functions-key"] = session.key;
  return h;
}

async function problemOf(response) {
  const type = response.headers.get("content-type") || "";
  if (type.includes("json")) {
    try { return await response.json(); } catch { /* fall through */ }
  }
  const text = await response.text().catch(() => "");
  return { title: `HTTP ${response.status} ${response.statusText}`, detail: text.slice(0, 300) };
}

export async function request(method, path, { body, accept = "application/json", signal } = {}) {
  const init = { method, headers: headers(accept, body === undefined ? {} : { "Content-Type": "application/json" }), signal, cache: "no-store" };
  if (body !== undefined) init.body = JSON.stringify(body);
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiProblem(0, { title: "The server did not answer", detail: String(error.message || error) });
  }
  if (!response.ok) throw new ApiProblem(response.status, await problemOf(response));
  return accept === "application/json" ? response.json() : response;
}

export const get = (path, options) => request("GET", path, options);
export const post = (path, body) => request("POST", path, { body });

/** Builds "/api/x?a=1&b=2", leaving out empty values. */
export function url(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export const enc = encodeURIComponent;
