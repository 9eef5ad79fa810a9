// Sign-in, the router and the page frame. Views: #/alerts[/id] (on call), #/sessions/{clinic}/{id},
// #/audit (sessions and findings), #/report (compliance report).
import { ApiProblem, get, session } from "./api.js";
import { h, replace } from "./dom.js";

const main = document.getElementById("main");
const problemBox = document.getElementById("problem");
const nav = document.getElementById("nav");
const who = document.getElementById("who");
const signOut = document.getElementById("sign-out");

let me = null;
let leave = null;

/** Shows an API problem (its own title and detail) or any other error; null clears it. */
export function showProblem(error) {
  if (!error) { problemBox.hidden = true; problemBox.textContent = ""; return; }
  if (error.name === "AbortError") return;
  problemBox.textContent = error instanceof ApiProblem ? error.message : `Something went wrong: ${error.message || error}`;
  problemBox.hidden = false;
}

export const caller = () => me;

const views = {
  alerts: () => import("./oncall.js"),
  sessions: () => import("./session.js"),
  audit: () => import("./audit.js"),
  report: () => import("./report.js"),
};

async function route() {
  if (leave) { leave(); leave = null; }
  showProblem(null);
  if (!me) return renderSignIn();
  const [name, ...rest] = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  const view = views[name] ? name : me.roles.includes("onCall") || me.roles.includes("admin") ? "alerts" : "audit";
  for (const link of nav.querySelectorAll("a")) {
    link.toggleAttribute("aria-current", link.getAttribute("href") === `#/${view}`);
    if (link.getAttribute("aria-current") !== null) link.setAttribute("aria-current", "page");
  }
  try {
    const module = await views[view]();
    leave = module.show(main, rest, { clinic: session.clinic, me }) || null;
  } catch (error) {
    showProblem(error);
  }
}

function renderSignIn(message) {
  nav.hidden = true;
  signOut.hidden = true;
  who.textContent = "";
  const key = h("input", { id: "key", name: "key", type: "password", autocomplete: "off", required: true, "aria-describedby": "key-help" });
  const clinic = h("input", { id: "clinic", name: "clinic", type: "text", required: true, value: session.clinic || "", pattern: "[A-Za-z0-9._:\\-]{1,64}", autocapitalize: "off", spellcheck: "false" });
  const form = h("form.card.sign-in", { "aria-labelledby": "sign-in-title" },
    h("h1", { id: "sign-in-title" }, "Sign in"),
    h("label", { for: "key" }, "Key"),
    key,
    h("p.help", { id: "key-help" }, "The key of your role (on call, auditor or admin). It is kept for this tab only."),
    h("label", { for: "clinic" }, "Clinic"),
    clinic,
    message ? h("p.problem-inline", { role: "alert" }, message) : null,
    h("button.primary", { type: "submit" }, "Sign in"));
  form.addEventListener("submit", async event => {
    event.preventDefault();
    session.set(key.value, clinic.value.trim());
    await start(true);
  });
  replace(main, form);
  key.focus();
}

async function start(fromForm) {
  try {
    me = await get("/api/me");
  } catch (error) {
    me = null;
    if (error instanceof ApiProblem && (error.status === 401 || error.status === 403)) {
      if (fromForm) session.clear();
      return renderSignIn(fromForm ? error.message : null);
    }
    showProblem(error);
    return renderSignIn();
  }
  if (!session.clinic) {
    // Signed in by Entra ID (App Service authentication): only the clinic is asked.
    return renderClinic();
  }
  nav.hidden = false;
  for (const link of nav.querySelectorAll("a")) {
    const role = link.dataset.role;
    link.hidden = !(me.roles.includes(role) || me.roles.includes("admin"));
  }
  who.textContent = `${me.name} (${me.roles.join(", ")}) · clinic ${session.clinic}`;
  signOut.hidden = me.via === "entra";
  await route();
}

function renderClinic() {
  const clinic = h("input", { id: "clinic", type: "text", required: true, autocapitalize: "off" });
  const form = h("form.card.sign-in", {}, h("h1", {}, `Signed in as ${me.name}`), h("label", { for: "clinic" }, "Clinic"), clinic,
    h("button.primary", { type: "submit" }, "Continue"));
  form.addEventListener("submit", e => { e.preventDefault(); session.set(null, clinic.value.trim()); start(false); });
  replace(main, form);
  clinic.focus();
}

signOut.addEventListener("click", () => {
  session.clear();
  me = null;
  if (leave) { leave(); leave = null; }
  renderSignIn();
});
window.addEventListener("hashchange", route);
start(false);
