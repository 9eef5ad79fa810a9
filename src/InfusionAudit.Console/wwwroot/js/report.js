// The compliance report of a clinic over clinical dates: figures, charts (findings per rule, per month, protocol
// adherence, alert response times), CSV export and a print layout.
import { enc, get, url } from "./api.js";
import { h, replace } from "./dom.js";
import { showProblem } from "./main.js";
import { exportCsv, filterForm, vocabulary } from "./audit.js";

export function show(main, _, { clinic }) {
  let stopped = false;
  const out = h("div", { "aria-live": "polite" });
  let form = h("p", {}, "Loading…");
  const path = `/api/clinics/${enc(clinic)}/compliance-report`;
  const range = () => { const v = form.values(); return { from: v.from, to: v.to }; };
  const actions = h("div.tabs.no-print", {},
    h("button", { type: "button", onclick: () => exportCsv(path, range(), `${clinic}-compliance-report.csv`) }, "Export CSV"),
    h("button", { type: "button", onclick: () => window.print() }, "Print"));
  replace(main, h("h1", {}, "Compliance report ", h("span.muted", {}, `clinic ${clinic}`)), form, actions, out);

  async function load() {
    try {
      const r = await get(url(path, range()));
      if (stopped) return;
      showProblem(null);
      render(r);
    } catch (error) {
      showProblem(error);
    }
  }

  function render(r) {
    const s = r.sessions, a = r.alerts;
    replace(out,
      h("p.muted", {}, `From ${r.from} to ${r.to} · generated ${r.generatedAt}`),
      h("div.figures", {},
        figure("Sessions", s.total), figure("Ended", s.ended),
        figure("Completed within protocol", s.completedWithinProtocolPercent == null ? "–" : `${s.completedWithinProtocolPercent} %`),
        figure("Ended, not discharged", s.endedNotDischarged),
        figure("Alerts raised", a.raised), figure("Open alerts", a.open),
        figure("Median time to acknowledge", a.medianSecondsToAcknowledge == null ? "–" : `${a.medianSecondsToAcknowledge} s`),
        figure("Longest time to acknowledge", a.maxSecondsToAcknowledge == null ? "–" : `${a.maxSecondsToAcknowledge} s`)),
      h("h2", {}, "Protocol adherence"),
      bars([
        { label: "Completed within protocol", value: s.completedWithinProtocol ?? 0 },
        ...Object.entries(s.endReasons || {}).map(([k, v]) => ({ label: `Ended: ${k}`, value: v })),
      ]),
      h("h2", {}, "Findings per rule"),
      bars((r.findingsPerRule || []).map(f => ({ label: f.ruleId, value: f.findings, note: `${f.sessions} session(s)` }))),
      h("h2", { id: "weekly-title" }, "Findings per rule and week"),
      weeklyChart(r.findingsPerWeek || []),
      h("h2", {}, "Alert response"),
      bars([
        { label: "Acknowledged by a person", value: a.acknowledgedByAPerson ?? 0 },
        { label: "Resolved", value: a.resolved ?? 0 },
        { label: "Open", value: a.open ?? 0 },
      ]),
      r.clinical?.perMonth?.length ? [h("h2", {}, "Per month"), table(["Month", "Sessions", "Ended", "Not discharged", "Course findings", "Weight findings"],
        r.clinical.perMonth.map(m => [m.month, m.sessions, m.ended, m.endedNotDischarged, m.courseFindings, m.weightFindings]))] : null,
      h("h2", {}, "Delivered dose per protocol"),
      table(["Protocol", "Sessions", "Median", "Min", "Max"], (r.deliveredDose || []).map(d => d.unit === "mg"
        ? [d.protocolId, d.sessions, `${d.medianMg} mg`, `${d.minMg} mg`, `${d.maxMg} mg`]
        : [d.protocolId, d.sessions, `${d.medianMgPerKg} mg/kg`, `${d.minMgPerKg} mg/kg`, `${d.maxMgPerKg} mg/kg`])),
      r.gaps?.length ? [h("h2", {}, "Not included"), h("ul", {}, r.gaps.map(g => h("li", {}, g)))] : null);
  }

  vocabulary().then(v => {
    if (stopped) return;
    const next = filterForm("report", v, load, ) ;
    next.querySelector("#report-rule")?.parentElement.remove();
    next.querySelector("#report-severity")?.parentElement.remove();
    next.querySelector("#report-protocol")?.parentElement.remove();
    form.replaceWith(next);
    form = next;
    load();
  }).catch(showProblem);
  return () => { stopped = true; };
}

const figure = (label, value) => h("div.figure", {}, h("b", {}, value ?? "–"), label);

/** A bar chart as a list: each bar has its number as text beside it. */
function bars(items) {
  if (!items.length) return h("p.muted", {}, "None.");
  const max = Math.max(1, ...items.map(i => i.value));
  return h("ul.bars.chart-bars", {}, items.map(i => {
    const bar = h("span.bar", { "aria-hidden": "true" });
    bar.style.width = `${(100 * i.value) / max}%`;
    return h("li", {}, h("span", {}, i.label), h("span", {}, bar), h("span", {}, String(i.value), i.note ? h("span.muted", {}, ` ${i.note}`) : null));
  }));
}

/**
 * Findings per rule (rows) and ISO week of session date (columns): a table whose cells are bars with their number as
 * text, so it reads the same on screen, in print and to a screen reader; weeks without findings show 0.
 */
function weeklyChart(counts) {
  if (!counts.length) return h("p.muted", {}, "None.");
  const weeks = [...new Map(counts.map(c => [c.week, c.from])).entries()];
  const rules = [...new Set(counts.map(c => c.rule))];
  const byKey = new Map(counts.map(c => [`${c.week}|${c.rule}`, c.findings]));
  const max = Math.max(1, ...counts.map(c => c.findings));
  return h("div.table-wrap", {}, h("table.week-chart", { "aria-labelledby": "weekly-title" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Rule"),
      weeks.map(([week, from]) => h("th", { scope: "col" }, week, h("span.muted.week-from", {}, ` from ${from}`))),
      h("th", { scope: "col" }, "Total"))),
    h("tbody", {}, rules.map(rule => {
      const values = weeks.map(([week]) => byKey.get(`${week}|${rule}`) || 0);
      return h("tr", { "data-rule": rule }, h("th", { scope: "row" }, rule),
        values.map((value, i) => {
          const bar = h("span.bar", { "aria-hidden": "true" });
          bar.style.width = `${(100 * value) / max}%`;
          return h("td.week-cell", { "data-week": weeks[i][0] }, bar, h("span.count", {}, String(value)));
        }),
        h("td", {}, String(values.reduce((a, b) => a + b, 0))));
    }))));
}

function table(headers, rows) {
  if (!rows.length) return h("p.muted", {}, "None.");
  return h("div.table-wrap", {}, h("table", {}, h("thead", {}, h("tr", {}, headers.map(t => h("th", { scope: "col" }, t)))),
    h("tbody", {}, rows.map(r => h("tr", {}, r.map(c => h("td", {}, c ?? "–")))))));
}
