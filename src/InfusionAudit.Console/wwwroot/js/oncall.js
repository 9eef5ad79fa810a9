// On-call view (phone first): the clinic's unresolved alerts, most severe and newest first, polled every second.
// One tap acknowledges; resolving asks for a reason. Beside each alert: the session's last vitals and dose.
import { enc, get, post, url } from "./api.js";
import { dateTime, h, number, relative, replace, severityBadge, severityRank, time, timeElement } from "./dom.js";
import { showProblem } from "./main.js";

const POLL_MS = 1000;
const SESSION_REFRESH_MS = 5000;

export function show(main, [focusId], { clinic }) {
  const list = h("ol.alerts", { "aria-label": "Open alerts" });
  const status = h("p.status", { role: "status" }, "Loading…");
  const focused = h("section.focused", { "aria-label": "Alert from the notification" });
  replace(main,
    h("h1", {}, "Open alerts ", h("span.muted", {}, `clinic ${clinic}`)),
    status, focused, list);

  const cards = new Map();       // alertId -> { el, signature }
  const sessions = new Map();    // "clinic/session" -> { at, summary }
  let stopped = false;
  let timer = null;
  let firstRender = true;
  // An action polls at once, while the timer's poll may still be waiting for its answer. Only the newest poll draws
  // and schedules the next one: an older answer drawn after the action's would show an acknowledged alert as open
  // again (with its Acknowledge button), and each overtaken poll would otherwise leave a second polling loop behind.
  let started = 0;
  let drawn = 0;

  async function poll() {
    const mine = ++started;
    clearTimeout(timer);
    try {
      const [open, acknowledged] = await Promise.all([
        get(url("/api/alerts", { clinicId: clinic, state: "open", pageSize: 100 })),
        get(url("/api/alerts", { clinicId: clinic, state: "acknowledged", pageSize: 100 })),
      ]);
      if (stopped || mine < drawn) return;
      drawn = mine;
      const alerts = [...open.items, ...acknowledged.items].map(v => v.alert);
      alerts.sort((a, b) => severityRank(b.severity) - severityRank(a.severity)
        || stateRank(a.state) - stateRank(b.state)
        || b.raisedAt.localeCompare(a.raisedAt));
      render(alerts);
      status.textContent = `${alerts.length} unresolved · updated ${time(new Date().toISOString())}`;
      showProblem(null);
      refreshSessions(alerts);
    } catch (error) {
      if (!stopped && mine > drawn) {
        showProblem(error);
        status.textContent = "Not updated: see the problem above.";
      }
    } finally {
      if (!stopped && mine === started) timer = setTimeout(poll, POLL_MS);
    }
  }

  function render(alerts) {
    const seen = new Set();
    let previous = null;
    for (const alert of alerts) {
      seen.add(alert.alertId);
      let card = cards.get(alert.alertId);
      const signature = JSON.stringify([alert.state, alert.escalatedAt, alert.acknowledgedAt, alert.escalateAt]);
      if (!card) {
        card = { el: h("li.alert-item", { dataset: { alertId: alert.alertId } }), signature: null };
        cards.set(alert.alertId, card);
      }
      if (card.signature !== signature && !card.el.querySelector("form.resolve")) {
        fill(card.el, alert);
        card.signature = signature;
      } else {
        updateDeadline(card.el, alert);
      }
      // Move only when out of place, so focus stays where the clinician left it.
      const expected = previous ? previous.nextSibling : list.firstChild;
      if (expected !== card.el) list.insertBefore(card.el, expected);
      previous = card.el;
    }
    for (const [id, card] of cards) {
      if (!seen.has(id)) { card.el.remove(); cards.delete(id); }
    }
    if (alerts.length === 0) list.setAttribute("data-empty", "No unresolved alerts.");
    else list.removeAttribute("data-empty");
    if (firstRender) { firstRender = false; document.body.dataset.oncallRendered = String(performance.now()); }
  }

  function fill(el, alert) {
    const sessionKey = `${alert.clinicId}/${alert.sessionId}`;
    el.className = `alert-item card sev-border-${alert.severity} state-${alert.state}`;
    replace(el,
      h("div.alert-head", {},
        severityBadge(alert.severity),
        h("span.rule", {}, alert.ruleId),
        h("span.state", {}, stateText(alert))),
      h("p.evidence", {}, alert.evidence),
      h("dl.facts", {},
        h("dt", {}, "Session"), h("dd", {}, h("a", { href: `#/sessions/${enc(alert.clinicId)}/${enc(alert.sessionId)}` }, alert.sessionId)),
        h("dt", {}, "Devices"), h("dd", {}, alert.deviceIds.join(", ") || "–"),
        h("dt", {}, "Happened"), h("dd", {}, timeElement(alert.occurredAt || alert.detectedAt), alert.arrivedLate ? " (arrived late)" : ""),
        h("dt", {}, "Raised"), h("dd", {}, timeElement(alert.raisedAt)),
        h("dt", {}, "Escalation"), h("dd.deadline", {}, escalationText(alert))),
      h("div.vitals", { dataset: { session: sessionKey } }, sessions.get(sessionKey)?.summary?.cloneNode(true) || "Last vitals and dose: loading…"),
      actions(alert));
  }

  function updateDeadline(el, alert) {
    const dd = el.querySelector(".deadline");
    if (dd) dd.textContent = escalationText(alert);
  }

  function actions(alert) {
    const row = h("div.actions", {});
    if (alert.state === "open") {
      row.append(h("button.primary.ack", {
        type: "button",
        "aria-label": `Acknowledge ${alert.ruleId} of session ${alert.sessionId}`,
        onclick: async event => {
          event.currentTarget.disabled = true;
          await change(`/api/alerts/${enc(alert.alertId)}/acknowledge`, {});
        },
      }, "Acknowledge"));
    }
    row.append(h("button.resolve-open", {
      type: "button",
      "aria-label": `Resolve ${alert.ruleId} of session ${alert.sessionId}`,
      onclick: event => openResolve(event.currentTarget.closest("li"), alert),
    }, "Resolve…"));
    return row;
  }

  function openResolve(el, alert) {
    if (el.querySelector("form.resolve")) return;
    const id = `reason-${alert.alertId.replace(/[^A-Za-z0-9_-]/g, "_")}`;
    const reason = h("textarea", { id, required: true, rows: 2, maxlength: 500 });
    const form = h("form.resolve", {},
      h("label", { for: id }, "Reason for resolving"), reason,
      h("div.actions", {},
        h("button.primary", { type: "submit" }, "Resolve"),
        h("button", { type: "button", onclick: () => { form.remove(); cards.get(alert.alertId).signature = null; } }, "Cancel")));
    form.addEventListener("submit", async event => {
      event.preventDefault();
      const ok = await change(`/api/alerts/${enc(alert.alertId)}/resolve`, { reason: reason.value.trim() });
      if (ok) form.remove();
    });
    el.append(form);
    reason.focus();
  }

  async function change(path, body) {
    try {
      await post(path, body);
      showProblem(null);
      await poll();
      if (focusId) await showFocused();
      return true;
    } catch (error) {
      showProblem(error);
      for (const card of cards.values()) card.signature = null;
      return false;
    }
  }

  async function refreshSessions(alerts) {
    const now = Date.now();
    const wanted = new Map(alerts.map(a => [`${a.clinicId}/${a.sessionId}`, a]));
    for (const [key, alert] of wanted) {
      const known = sessions.get(key);
      if (known && now - known.at < SESSION_REFRESH_MS) continue;
      sessions.set(key, { at: now, summary: known?.summary });
      try {
        const doc = await get(url(`/api/sessions/${enc(alert.sessionId)}`, { clinicId: alert.clinicId, eventsFrom: 0, eventsLimit: 5000, findingsLimit: 1 }));
        const summary = vitalsSummary(doc);
        sessions.set(key, { at: now, summary });
        for (const el of document.querySelectorAll(".vitals")) {
          if (el.dataset.session === key) replace(el, summary.cloneNode(true));
        }
      } catch (error) {
        showProblem(error);
      }
    }
  }

  async function showFocused() {
    try {
      const view = await get(`/api/alerts/${enc(focusId)}`);
      const a = view.alert;
      replace(focused,
        h("h2", {}, "From the notification"),
        h("p", {}, severityBadge(a.severity), " ", a.ruleId, " · session ", a.sessionId, " · ", stateText(a)),
        a.state === "resolved" ? h("p", {}, `Resolved ${dateTime(a.resolvedAt)} by ${a.resolvedBy?.name}: ${a.resolveReason}`) : null);
      const card = cards.get(focusId);
      if (card) { card.el.classList.add("is-focused"); card.el.scrollIntoView({ block: "center" }); }
    } catch (error) {
      showProblem(error);
    }
  }

  poll().then(() => focusId && showFocused());
  return () => { stopped = true; clearTimeout(timer); };
}

const stateRank = state => state === "open" ? 0 : 1;

function stateText(alert) {
  if (alert.state === "acknowledged") return `Acknowledged by ${alert.acknowledgedBy?.name ?? "?"} at ${time(alert.acknowledgedAt)}`;
  if (alert.state === "resolved") return `Resolved by ${alert.resolvedBy?.name ?? "?"}`;
  return alert.escalatedAt ? "Open, escalated" : "Open";
}

function escalationText(alert) {
  if (alert.escalatedAt) return `Escalated at ${time(alert.escalatedAt)}`;
  if (alert.state !== "open") return "Stopped (acknowledged)";
  if (alert.suppressedBy) return `Silenced (${alert.suppressedBy})`;
  return alert.escalateAt ? `Escalates at ${time(alert.escalateAt)} (${relative(alert.escalateAt)})` : "–";
}

/** The session's last vital signs and delivered dose: never its patient reference. */
export function vitalsSummary(doc) {
  const state = doc.state || {};
  const vitals = [...doc.events].reverse().find(e => e.type === "VitalsRecorded");
  const p = vitals?.event?.payload || {};
  const bp = p.systolicMmHg !== undefined ? `BP ${p.systolicMmHg}/${p.diastolicMmHg ?? "–"} mmHg` : null;
  const parts = [bp,
    p.heartRateBpm !== undefined ? `HR ${p.heartRateBpm}/min` : null,
    p.spo2Percent !== undefined ? `SpO2 ${p.spo2Percent} %` : null,
    p.respiratoryRatePerMin !== undefined ? `RR ${p.respiratoryRatePerMin}/min` : null].filter(Boolean);
  const dose = state.deliveredDoseMg !== undefined && state.deliveredDoseMg !== null
    ? `${round(state.deliveredDoseMg)} mg delivered` + (state.prescribedDoseMg ? ` of ${round(state.prescribedDoseMg)} mg prescribed` : "")
    : "dose not known";
  return h("p.vitals-line", {},
    h("strong", {}, "Last vitals"), vitals ? ` (${time(vitals.occurredAt)}): ` : ": ", parts.length ? parts.join(" · ") : "none recorded",
    h("br"), h("strong", {}, "Dose"), ": ", dose, ` · ${number(state.status)}`);
}

const round = v => Math.round(v * 10) / 10;
