// Session view: dose and rate, vital signs, findings and alert changes on one time axis; the events below;
// the session judged again against another protocol version, side by side with what was stored.
import { enc, get, url } from "./api.js";
import { dateTime, h, replace, severityBadge, time, timeElement } from "./dom.js";
import { showProblem } from "./main.js";
import { loadChartLibrary } from "./charts.js";

const SHAPES = { critical: "▲", warning: "◆", info: "●" };

export function show(main, [clinicId, sessionId]) {
  let stopped = false;
  replace(main, h("p", { role: "status" }, `Loading session ${sessionId}…`));
  load().catch(error => { if (!stopped) showProblem(error); });

  async function load() {
    const [doc, timeline, health] = await Promise.all([
      get(url(`/api/sessions/${enc(sessionId)}`, { clinicId, eventsLimit: 5000, findingsLimit: 5000 })),
      get(url(`/api/sessions/${enc(sessionId)}/timeline`, { clinicId, timelineLimit: 5000 })),
      get("/api/health"),
      loadChartLibrary(),
    ]);
    if (stopped) return;
    const s = doc.state;
    const limits = await loadLimits(s);
    if (stopped) return;
    const markers = timeline.timeline.filter(i => i.kind === "finding" || i.kind === "alert");
    const charts = h("div.charts", {});
    const replayBox = h("section.replay", { "aria-labelledby": "replay-title" });
    replace(main,
      h("h1", {}, `Session ${s.sessionId}`, h("span.muted", {}, ` clinic ${s.clinicId}`)),
      h("dl.facts", {},
        h("dt", {}, "Protocol"), h("dd", {}, `${s.protocolId ?? "unknown"} v${s.protocolVersion ?? "?"} (${s.route ?? "route unknown"})`),
        h("dt", {}, "Status"), h("dd", {}, s.status + (s.endReason ? ` (${s.endReason})` : "")),
        h("dt", {}, "Started"), h("dd", {}, timeElement(s.startedAt)),
        h("dt", {}, "Ended"), h("dd", {}, timeElement(s.endedAt)),
        h("dt", {}, "Dose"), h("dd", {}, `${fmt(s.deliveredDoseMg)} mg delivered of ${fmt(s.prescribedDoseMg)} mg prescribed` +
          (s.deliveredDoseMgPerKg != null ? ` (${fmt(s.deliveredDoseMgPerKg, 100)} mg/kg of ${fmt(s.prescribedDoseMgPerKg, 100)})` : "")),
        h("dt", {}, "Running / paused"), h("dd", {}, `${fmt(s.runningTimeMin)} min / ${fmt(s.pausedTimeMin)} min in ${s.pauseCount} pause(s)`)),
      charts,
      markerList(markers),
      h("h2", {}, "Findings"), findingsTable(doc.findings),
      replayBox,
      h("h2", {}, `Events (${doc.eventCount})`), eventsTable(doc.events));
    drawCharts(charts, s, doc.events, markers, limits);
    renderReplay(replayBox, s, health.protocols || []);
  }

  async function renderReplay(box, s, protocols) {
    const versions = protocols.filter(p => p.startsWith(`${s.protocolId}@v`)).map(p => Number(p.split("@v")[1]));
    const select = h("select", { id: "replay-version" }, versions.map(v => h("option", { value: v, selected: v === s.protocolVersion }, `v${v}`)));
    const result = h("div.side-by-side", { "aria-live": "polite" });
    const form = h("form.filters.no-print", {},
      h("div", {}, h("label", { for: "replay-version" }, "Protocol version"), select),
      h("div", {}, h("button", { type: "submit" }, "Replay")));
    form.addEventListener("submit", async event => {
      event.preventDefault();
      try {
        const replay = await get(url(`/api/sessions/${enc(sessionId)}/replay`, { clinicId, protocolVersion: select.value }));
        showProblem(null);
        replace(result,
          h("div", {}, h("h3", {}, `Stored (v${replay.storedProtocolVersion})`),
            findingsTable([...replay.unchanged, ...replay.removed, ...replay.changed.map(c => c.stored)])),
          h("div", {}, h("h3", {}, `Replayed (v${replay.replayedProtocolVersion})`),
            findingsTable([...replay.unchanged, ...replay.added, ...replay.changed.map(c => c.replayed)]),
            h("p", {}, replay.reproduced ? "Same findings as stored." : `Differs: ${replay.added.length} added, ${replay.removed.length} removed, ${replay.changed.length} changed.`)));
      } catch (error) {
        showProblem(error);
      }
    });
    replace(box, h("h2", { id: "replay-title" }, "Replay against a protocol version"), form, result);
  }

  return () => { stopped = true; };
}

/**
 * The limits of the protocol version the session was judged against, or why there are none to draw. The API answers
 * them with defaults applied (GET /api/protocols/{id}/versions/{n}); the console never guesses a threshold.
 */
async function loadLimits(s) {
  if (!s.protocolId || s.protocolVersion == null) return { missing: "The session names no protocol version: its limits cannot be drawn." };
  try {
    return { protocol: await get(`/api/protocols/${enc(s.protocolId)}/versions/${enc(String(s.protocolVersion))}`) };
  } catch (error) {
    return { missing: `The limits of ${s.protocolId} v${s.protocolVersion} cannot be drawn: ${error.message || error}` };
  }
}

/** Dose and rate limits in the chart's units (mg, mg/h): per-kg limits need the session's weight. */
function doseLimits(s, protocol) {
  const limits = [], notes = [];
  const d = protocol.dose, w = s.weightKg;
  if (d.basis === "fixedMg") {
    limits.push({ scale: "mg", value: d.hardMaxMg, label: `Hard max ${fmt(d.hardMaxMg)} mg`, kind: "critical" });
  } else if (w != null) {
    limits.push({ scale: "mg", value: d.hardMaxMgPerKg * w, label: `Hard max ${d.hardMaxMgPerKg} mg/kg = ${fmt(d.hardMaxMgPerKg * w)} mg`, kind: "critical" });
    limits.push({ scale: "mg", value: d.softMaxMgPerKg * w, label: `Soft max ${d.softMaxMgPerKg} mg/kg = ${fmt(d.softMaxMgPerKg * w)} mg`, kind: "warning" });
  } else {
    notes.push(`Dose limits are ${d.softMaxMgPerKg} (soft) and ${d.hardMaxMgPerKg} (hard) mg/kg; the session has no weight, so they cannot be drawn in mg.`);
  }
  const r = protocol.rate;
  if (r && w != null) {
    limits.push({ scale: "rate", value: r.hardMaxMgPerKgPerHour * w, label: `Rate hard max ${r.hardMaxMgPerKgPerHour} mg/kg/h = ${fmt(r.hardMaxMgPerKgPerHour * w)} mg/h`, kind: "critical" });
    limits.push({ scale: "rate", value: r.softMaxMgPerKgPerHour * w, label: `Rate soft max ${r.softMaxMgPerKgPerHour} mg/kg/h = ${fmt(r.softMaxMgPerKgPerHour * w)} mg/h`, kind: "warning" });
  } else if (r) {
    notes.push(`Rate limits are ${r.softMaxMgPerKgPerHour} (soft) and ${r.hardMaxMgPerKgPerHour} (hard) mg/kg/h; the session has no weight, so they cannot be drawn in mg/h.`);
  }
  return { limits, notes };
}

function drawCharts(container, s, events, markers, limits) {
  const t0 = Date.parse(s.startedAt || s.firstOccurredAt);
  const tEnd = Date.parse(s.endedAt || s.lastOccurredAt);
  const toSec = iso => Date.parse(iso) / 1000;
  // Delivered dose: the integral of each rate segment's dose rate; the gaps between segments are pauses.
  const points = new Set([t0 / 1000, tEnd / 1000]);
  for (const seg of s.rateSegments) { points.add(toSec(seg.from)); if (seg.to) points.add(toSec(seg.to)); }
  const xs = [...points].filter(Number.isFinite).sort((a, b) => a - b);
  const rateAt = x => {
    const seg = s.rateSegments.find(g => toSec(g.from) <= x && (g.to ? toSec(g.to) > x : x <= tEnd / 1000));
    return seg ? seg.doseRateMgPerHour ?? 0 : 0;
  };
  const dose = [], rate = [], prescribed = [];
  let total = 0;
  xs.forEach((x, i) => {
    if (i > 0) total += rateAt(xs[i - 1]) * (x - xs[i - 1]) / 3600;
    dose.push(Math.round(total * 100) / 100);
    rate.push(rateAt(x));
    prescribed.push(s.prescribedDoseMg ?? null);
  });
  const vitals = events.filter(e => e.type === "VitalsRecorded");
  const vx = vitals.map(e => toSec(e.occurredAt));
  const v = key => vitals.map(e => e.event?.payload?.[key] ?? null);
  const p = limits.protocol, t = p?.vitals;
  if (limits.missing) container.append(h("p.limits-missing", { role: "note" }, limits.missing));
  const source = p ? `limits of ${p.protocolId} v${p.version}` : null;

  const width = Math.max(300, Math.min(container.clientWidth || 800, 1150));
  const doses = p ? doseLimits(s, p) : { limits: [], notes: [] };
  chart(container, "Dose (mg) and rate (mg/h); flat rate at 0 is a pause", width, [xs, dose, prescribed, rate], [
    {},
    { label: "Delivered mg", stroke: "#0b5cad", width: 2, scale: "mg" },
    { label: "Prescribed mg", stroke: "#1b1f24", dash: [6, 4], scale: "mg" },
    { label: "Rate mg/h", stroke: "#8a5300", width: 2, scale: "rate", paths: window.uPlot.paths.stepped({ align: 1 }) },
  ], [{ scale: "mg", label: "mg" }, { scale: "rate", label: "mg/h", side: 1, grid: { show: false } }], markers, doses.limits, doses.notes, source);
  // One chart per vital sign: each has a readable scale of its own and its own thresholds.
  chart(container, "Blood pressure (mmHg)", width, [vx, v("systolicMmHg"), v("diastolicMmHg")], [
    {},
    { label: "Systolic mmHg", stroke: "#b00020", width: 2, scale: "mmHg" },
    { label: "Diastolic mmHg", stroke: "#b00020", dash: [4, 3], scale: "mmHg" },
  ], [{ scale: "mmHg", label: "mmHg" }], markers, t ? [
    { scale: "mmHg", value: t.bpCriticalSingleSystolicAtLeastMmHg, label: `Systolic critical ≥ ${t.bpCriticalSingleSystolicAtLeastMmHg}`, kind: "critical" },
    { scale: "mmHg", value: t.bpHighSystolicAtLeastMmHg, label: `Systolic high ≥ ${t.bpHighSystolicAtLeastMmHg}`, kind: "warning" },
    { scale: "mmHg", value: t.bpCriticalSingleDiastolicAtLeastMmHg, label: `Diastolic critical ≥ ${t.bpCriticalSingleDiastolicAtLeastMmHg}`, kind: "critical" },
    { scale: "mmHg", value: t.bpHighDiastolicAtLeastMmHg, label: `Diastolic high ≥ ${t.bpHighDiastolicAtLeastMmHg}`, kind: "warning" },
    { scale: "mmHg", value: t.bpLowSystolicBelowMmHg, label: `Systolic low < ${t.bpLowSystolicBelowMmHg}`, kind: "warning" },
  ] : [], [], source);
  chart(container, "Heart rate (/min)", width, [vx, v("heartRateBpm")], [
    {},
    { label: "Heart rate /min", stroke: "#1f5f8b", width: 2, scale: "bpm" },
  ], [{ scale: "bpm", label: "/min" }], markers, t ? [
    { scale: "bpm", value: t.hrCriticalSingleAboveBpm, label: `HR critical > ${t.hrCriticalSingleAboveBpm}`, kind: "critical" },
    { scale: "bpm", value: t.hrHighAboveBpm, label: `HR high > ${t.hrHighAboveBpm}`, kind: "warning" },
    { scale: "bpm", value: t.hrLowAtMostBpm, label: `HR low ≤ ${t.hrLowAtMostBpm}`, kind: "warning" },
    { scale: "bpm", value: t.hrCriticalLowAtMostBpm, label: `HR critical low ≤ ${t.hrCriticalLowAtMostBpm}`, kind: "critical" },
  ] : [], [], source);
  chart(container, "SpO2 (%)", width, [vx, v("spo2Percent")], [
    {},
    { label: "SpO2 %", stroke: "#2d6a2d", width: 2, scale: "pct" },
  ], [{ scale: "pct", label: "%" }], markers, t ? [
    { scale: "pct", value: t.spo2LowBelowPercent, label: `SpO2 low < ${t.spo2LowBelowPercent}`, kind: "warning" },
    { scale: "pct", value: t.spo2CriticalBelowPercent, label: `SpO2 critical < ${t.spo2CriticalBelowPercent}`, kind: "critical" },
  ] : [], [], source);
  const rr = v("respiratoryRatePerMin");
  chart(container, "Respiratory rate (/min)", width, [vx, rr], [
    {},
    { label: "Respiratory rate /min", stroke: "#5b3f8c", width: 2, scale: "rr" },
  ], [{ scale: "rr", label: "/min" }], markers, t ? [
    { scale: "rr", value: t.rrHighAtLeastPerMin, label: `RR high ≥ ${t.rrHighAtLeastPerMin}`, kind: "warning" },
    { scale: "rr", value: t.rrCriticalBelowPerMin, label: `RR critical < ${t.rrCriticalBelowPerMin}`, kind: "critical" },
  ] : [], rr.some(x => x != null) ? [] : ["No respiratory rate was recorded."], source);
}

/**
 * A uPlot chart with finding markers (vertical) and protocol limits (horizontal), both as labelled elements over the
 * plot rather than colour on a canvas, and the limits again as a text list under it.
 */
function chart(container, title, width, data, series, axes, markers, limits = [], notes = [], source = null) {
  const box = h("figure.chart", { "aria-label": title });
  const caption = h("figcaption.chart-title", {}, title);
  box.append(caption);
  container.append(box);
  const listed = limits.length
    ? h("ul.limits", { "aria-label": `${title}: ${source}` }, limits.map(l => h(`li.limit-${l.kind}`, {}, l.kind === "critical" ? "▲ " : "◆ ", l.label)))
    : null;
  const noted = notes.map(n => h("p.muted.limit-note", {}, n));
  if (data[0].length === 0 || data.slice(1).every(values => values.every(x => x == null))) {
    box.append(h("p.muted", {}, "No data."), ...[listed, ...noted].filter(Boolean));
    return;
  }
  // Markers as elements over the plot (not colour on a canvas): each is a line with its rule and shape as text.
  const layer = h("div.markers", {});
  const place = plot => {
    layer.replaceChildren();
    const stacked = new Map(); // markers within 40 px share a line: their labels stack instead of overlapping
    for (const m of markers) {
      const left = plot.valToPos(Date.parse(m.at) / 1000, "x");
      if (!(left >= 0 && left <= plot.over.clientWidth)) continue;
      const slot = Math.round(left / 40);
      const row = stacked.get(slot) || 0;
      stacked.set(slot, row + 1);
      const label = m.kind === "finding" ? `${SHAPES[m.severity] || "●"} ${m.what}` : `alert ${m.state || m.what}`;
      const el = h(`div.marker.${m.kind === "finding" ? "finding" : "alert-change"}`, { title: `${label} at ${time(m.at)}` }, h("span", {}, label));
      el.style.left = `${left}px`;
      el.firstChild.style.top = `${row * 1.1}rem`;
      el.style.height = `${plot.over.clientHeight}px`;
      layer.append(el);
    }
    // Labels alternate sides so two close limits stay readable; the dose chart puts mg left and mg/h right, by axis.
    limits.forEach((l, i) => {
      const top = plot.valToPos(l.value, l.scale);
      if (!(top >= 0 && top <= plot.over.clientHeight)) return;
      const side = l.scale === "mg" ? "left" : l.scale === "rate" ? "right" : i % 2 ? "left" : "right";
      const el = h(`div.limit.${l.kind}.${side}`, { "data-limit": l.label }, h("span", {}, l.label));
      el.style.top = `${top}px`;
      layer.append(el);
    });
  };
  // Each scale reaches its limits, so a threshold far from the readings is still drawn.
  const scales = { x: { time: true } };
  for (const scale of new Set(limits.map(l => l.scale))) {
    const values = limits.filter(l => l.scale === scale).map(l => l.value);
    scales[scale] = { range: (u, min, max) => {
      const lo = Math.min(min ?? Infinity, ...values), hi = Math.max(max ?? -Infinity, ...values);
      const pad = (hi - lo) * 0.08 || 1;
      return [Math.max(0, lo - pad), hi + pad];
    } };
  }
  const opts = {
    width, height: 220, series,
    scales,
    axes: [{}, ...axes],
    cursor: { drag: { x: true, y: false } },
    hooks: {
      ready: [plot => { plot.over.append(layer); place(plot); }],
      setScale: [plot => place(plot)],
      setSize: [plot => place(plot)],
    },
  };
  new window.uPlot(opts, data, box);
  box.append(...[listed, ...noted].filter(Boolean));
}

function markerList(markers) {
  return h("details.card", {}, h("summary", {}, `Markers: ${markers.length} findings and alert changes`),
    h("ul", {}, markers.map(m => h("li", {}, timeElement(m.at, time), " ",
      m.kind === "finding" ? severityBadge(m.severity) : "alert", " ", m.what, m.state ? ` → ${m.state}` : "", m.by ? ` by ${m.by}` : "", m.note ? ` (${m.note})` : ""))));
}

export function findingsTable(findings) {
  if (!findings.length) return h("p.muted", {}, "No findings.");
  return h("div.table-wrap", {}, h("table", {},
    h("thead", {}, h("tr", {}, ["Severity", "Rule", "Evidence", "Detected", "Version"].map(t => h("th", { scope: "col" }, t)))),
    h("tbody", {}, findings.map(f => h("tr", {},
      h("td", {}, severityBadge(f.severity)), h("td", {}, f.ruleId, f.retractedAt ? " (withdrawn)" : ""),
      h("td", {}, f.evidence), h("td", {}, timeElement(f.detectedAt)), h("td", {}, `v${f.protocolVersion ?? "?"}`))))));
}

function eventsTable(events) {
  return h("div.table-wrap", {}, h("table.events", {},
    h("thead", {}, h("tr", {}, ["#", "Occurred", "Type", "Device", "Values"].map(t => h("th", { scope: "col" }, t)))),
    h("tbody", {}, events.map(e => h("tr", {},
      h("td", {}, e.sequence), h("td", {}, timeElement(e.occurredAt, dateTime)), h("td", {}, e.type), h("td", {}, e.deviceId),
      h("td", {}, values(e.event?.payload)))))));
}

// The patient reference (stored only as its hash) is never shown.
function values(payload) {
  if (!payload) return "";
  return Object.entries(payload).filter(([k]) => !/patient/i.test(k))
    .map(([k, v]) => `${k} ${typeof v === "object" ? JSON.stringify(v) : v}`).join(" · ");
}

const fmt = (v, f = 10) => v === null || v === undefined ? "–" : Math.round(v * f) / f;
