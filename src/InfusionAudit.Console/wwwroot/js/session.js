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
    drawCharts(charts, s, doc.events, markers);
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

function drawCharts(container, s, events, markers) {
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

  const width = Math.max(300, Math.min(container.clientWidth || 800, 1150));
  chart(container, "Dose (mg) and rate (mg/h); flat rate at 0 is a pause", width, [xs, dose, prescribed, rate], [
    {},
    { label: "Delivered mg", stroke: "#0b5cad", width: 2, scale: "mg" },
    { label: "Prescribed mg", stroke: "#1b1f24", dash: [6, 4], scale: "mg" },
    { label: "Rate mg/h", stroke: "#8a5300", width: 2, scale: "rate", paths: window.uPlot.paths.stepped({ align: 1 }) },
  ], [{ scale: "mg", label: "mg" }, { scale: "rate", label: "mg/h", side: 1, grid: { show: false } }], markers);
  chart(container, "Vital signs", width, [vx, v("systolicMmHg"), v("diastolicMmHg"), v("heartRateBpm"), v("spo2Percent")], [
    {},
    { label: "Systolic mmHg", stroke: "#b00020", width: 2 },
    { label: "Diastolic mmHg", stroke: "#b00020", dash: [4, 3] },
    { label: "Heart rate /min", stroke: "#1f5f8b", width: 2 },
    { label: "SpO2 %", stroke: "#2d6a2d", width: 2, dash: [10, 3] },
  ], [{ label: "value" }], markers);
}

function chart(container, title, width, data, series, axes, markers) {
  const box = h("figure.chart", { "aria-label": title });
  const caption = h("figcaption.chart-title", {}, title);
  box.append(caption);
  container.append(box);
  if (data[0].length === 0) { box.append(h("p.muted", {}, "No data.")); return; }
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
  };
  const opts = {
    width, height: 240, series,
    scales: { x: { time: true } },
    axes: [{}, ...axes],
    cursor: { drag: { x: true, y: false } },
    hooks: {
      ready: [plot => { plot.over.append(layer); place(plot); }],
      setScale: [plot => place(plot)],
      setSize: [plot => place(plot)],
    },
  };
  new window.uPlot(opts, data, box);
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
