// Auditor view: a clinic's sessions and findings over clinical dates, filtered by rule, severity and protocol;
// each session opens the session view; every list exports as the API's own CSV.
import { enc, get, request, url } from "./api.js";
import { h, replace, severityBadge } from "./dom.js";
import { showProblem } from "./main.js";

export function filterForm(prefix, { rules = [], protocols = [], withRule = true, withSeverity = true, withProtocol = true } = {}, onSubmit) {
  const today = new Date().toISOString().slice(0, 10);
  const monthAgo = new Date(Date.now() - 30 * 86400000).toISOString().slice(0, 10);
  const field = (id, label, control) => h("div", {}, h("label", { for: `${prefix}-${id}` }, label), control);
  const from = h("input", { id: `${prefix}-from`, name: "from", type: "date", required: true, value: monthAgo });
  const to = h("input", { id: `${prefix}-to`, name: "to", type: "date", required: true, value: today });
  const rule = h("select", { id: `${prefix}-rule`, name: "ruleId" }, h("option", { value: "" }, "any rule"), rules.map(r => h("option", { value: r }, r)));
  const severity = h("select", { id: `${prefix}-severity`, name: "severity" }, ["", "critical", "warning", "info"].map(s => h("option", { value: s }, s || "any severity")));
  const protocol = h("select", { id: `${prefix}-protocol`, name: "protocolId" }, h("option", { value: "" }, "any protocol"), protocols.map(p => h("option", { value: p }, p)));
  const form = h("form.filters.card", { "aria-label": "Filters" },
    field("from", "From (clinical day)", from), field("to", "To", to),
    withRule ? field("rule", "Rule", rule) : null,
    withSeverity ? field("severity", "Severity", severity) : null,
    withProtocol ? field("protocol", "Protocol", protocol) : null,
    h("div", {}, h("button.primary", { type: "submit" }, "Show")));
  form.addEventListener("submit", e => { e.preventDefault(); onSubmit(); });
  form.values = () => ({ from: from.value, to: to.value, ruleId: withRule ? rule.value : "", severity: withSeverity ? severity.value : "", protocolId: withProtocol ? protocol.value : "" });
  return form;
}

/** Reads the catalogue's rule ids and the loaded protocols from the API's own description. */
export async function vocabulary() {
  const [openapi, health] = await Promise.all([get("/api/openapi.json"), get("/api/health")]);
  const params = openapi.paths?.["/api/clinics/{clinicId}/findings"]?.get?.parameters || [];
  const rules = params.find(p => p.name === "ruleId")?.schema?.enum || [];
  const protocols = [...new Set((health.protocols || []).map(p => p.split("@")[0]))];
  return { rules, protocols };
}

/** Downloads what the API answers as CSV (the key goes in a header, so a plain link cannot carry it). */
export async function exportCsv(path, params, name) {
  try {
    const response = await request("GET", url(path, { ...params, format: "csv" }), { accept: "text/csv" });
    const blob = await response.blob();
    const link = h("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  } catch (error) {
    showProblem(error);
  }
}

export function show(main, _, { clinic }) {
  let tab = "sessions";
  let token = null;
  let stopped = false;
  const results = h("div", { "aria-live": "polite" });
  const tabs = h("div.tabs", { role: "group", "aria-label": "List" });
  const csv = h("button.no-print", { type: "button", onclick: () => exportCsv(path(), params(), `${clinic}-${tab}.csv`) }, "Export CSV");
  let form = h("p", {}, "Loading filters…");
  replace(main, h("h1", {}, "Sessions and findings ", h("span.muted", {}, `clinic ${clinic}`)), form, tabs, results);

  const path = () => `/api/clinics/${enc(clinic)}/${tab}`;
  const params = () => {
    const v = form.values();
    return tab === "sessions"
      ? { from: v.from, to: v.to, protocolId: v.protocolId, minSeverity: v.severity, pageSize: 100 }
      : { from: v.from, to: v.to, protocolId: undefined, ruleId: v.ruleId, severity: v.severity, pageSize: 100 };
  };

  function renderTabs() {
    replace(tabs, ["sessions", "findings"].map(t => h("button", {
      type: "button", "aria-pressed": String(t === tab),
      onclick: () => { tab = t; token = null; renderTabs(); load(); },
    }, t === "sessions" ? "Sessions" : "Findings")), csv);
  }

  let latest = 0;
  async function load(more = false) {
    // Only the newest request may draw: an older answer (a tab switch, then a filter) arriving last would show
    // rows the filters no longer select.
    const ticket = ++latest;
    try {
      const page = await get(url(path(), { ...params(), continuationToken: more ? token : undefined }));
      if (stopped || ticket !== latest) return;
      showProblem(null);
      token = page.continuationToken;
      const table = more ? results.querySelector("tbody") : null;
      const rows = page.items.map(row);
      if (table) table.append(...rows);
      else replace(results, page.items.length ? h("div.table-wrap", {}, h("table", {}, h("thead", {}, h("tr", {}, columns().map(c => h("th", { scope: "col" }, c.title)))), h("tbody", {}, rows))) : h("p.muted", {}, "Nothing in this range."));
      results.querySelector(".more")?.remove();
      if (token) results.append(h("button.more.no-print", { type: "button", onclick: () => load(true) }, "More"));
      results.dataset.count = String(results.querySelectorAll("tbody tr").length);
    } catch (error) {
      showProblem(error);
    }
  }

  const sessionLink = item => h("a", { href: `#/sessions/${enc(item.clinicId || clinic)}/${enc(item.sessionId)}` }, item.sessionId);
  const columns = () => tab === "sessions"
    ? [
      { title: "Session", cell: sessionLink },
      { title: "Session date", cell: i => i.sessionDate ?? "" },
      { title: "Protocol", cell: i => `${i.protocolId ?? "?"} v${i.protocolVersion ?? "?"}` },
      { title: "Status", cell: i => `${i.status}${i.endReason ? ` (${i.endReason})` : ""}` },
      { title: "Highest finding", cell: i => i.maxSeverity ? severityBadge(i.maxSeverity) : "none" },
      { title: "Findings", cell: i => i.activeFindings ?? "" },
      { title: "Delivered", cell: i => i.deliveredMgPerKg != null ? `${i.deliveredMgPerKg} mg/kg` : i.deliveredMg != null ? `${i.deliveredMg} mg` : "" },
    ]
    : [
      { title: "Severity", cell: i => severityBadge(i.severity) },
      { title: "Rule", cell: i => i.ruleId },
      { title: "Session", cell: sessionLink },
      { title: "Evidence", cell: i => i.evidence },
      { title: "Protocol", cell: i => `${i.protocolId ?? "?"} v${i.protocolVersion ?? "?"}` },
    ];
  const row = item => h("tr", {}, columns().map(c => h("td", {}, c.cell(item))));

  vocabulary().then(v => {
    if (stopped) return;
    const next = filterForm("audit", v, () => { token = null; load(); });
    form.replaceWith(next);
    form = next;
    renderTabs();
    load();
  }).catch(showProblem);
  return () => { stopped = true; };
}
