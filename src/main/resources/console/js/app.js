// The console: sign-in, the app shell (top bar, navigation, status area) and hash routing between pages.
import { api, setSession, status } from "./api.js";
import { t, lang, setLang, translate } from "./i18n.js";
import { h, fill } from "./dom.js";
import inbox from "./inbox.js";
import claims from "./claims.js";
import kb from "./kb.js";
import dashboard from "./dashboard.js";
import operators from "./operators.js";

const PAGES = [inbox, claims, kb, dashboard, operators];
const session = { user: null, role: null, isAdmin: false };
let current = null;

function $(id) { return document.getElementById(id); }

function visiblePages() {
  return PAGES.filter(p => !p.adminOnly || session.isAdmin);
}

// ---- sign-in

async function start() {
  translate(document);
  $("signin-lang").addEventListener("click", toggleLang);
  $("lang").addEventListener("click", toggleLang);
  $("login").addEventListener("submit", signIn);
  $("signout").addEventListener("click", signOut);
  document.addEventListener("keydown", shortcuts);
  window.addEventListener("hashchange", route);
  try {
    const res = await fetch("/console/api/me", { credentials: "same-origin" });
    if (res.ok) return enter(await res.json());
  } catch (e) { /* not signed in */ }
  showSignIn();
}

function showSignIn(message) {
  if (current && current.leave) current.leave();
  current = null;
  setSession(null);
  $("app").hidden = true;
  $("signin").hidden = false;
  document.body.dataset.view = "signin";
  const msg = $("signin-msg");
  msg.textContent = message || "";
  msg.className = "msg error";
  $("user").focus();
}

async function signIn(e) {
  e.preventDefault();
  const msg = $("signin-msg");
  msg.textContent = "";
  const user = $("user").value.trim();
  const password = $("password").value;
  if (!user || !password) {
    msg.textContent = t("signin.missing");
    return;
  }
  let res;
  try {
    res = await fetch("/console/api/login", { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify({ user, password }) });
  } catch (err) {
    msg.textContent = t("error.network");
    return;
  }
  if (res.ok) {
    $("password").value = "";
    return enter(await res.json());
  }
  msg.textContent = res.status === 429 ? t("signin.throttled", res.headers.get("Retry-After") || "1")
    : t(res.status === 423 ? "signin.locked" : res.status === 401 ? "signin.wrong" : "error.http", res.status);
  $("password").select();
}

async function signOut() {
  try {
    await api("POST", "logout");
  } catch (e) { /* the session may already be gone */ }
  showSignIn(t("signout.done"));
}

// ---- the shell

function enter(me) {
  session.user = me.user;
  session.role = me.role;
  session.isAdmin = me.role === "admin";
  setSession(me.csrfToken, () => showSignIn(t("error.unauthenticated")));
  $("signin").hidden = true;
  $("app").hidden = false;
  document.body.dataset.view = "app";
  shell();
  if (!location.hash || !pageFor(location.hash)) location.hash = "#/" + visiblePages()[0].id;
  else route();
}

function shell() {
  fill($("who"), h("span", { class: "user", text: session.user }), " ",
    h("span", { class: "role role-" + session.role, text: t("role." + session.role) }));
  $("who").setAttribute("aria-label", t("who.label", session.user, t("role." + session.role)));
  $("lang").textContent = t("lang.other");
  $("lang").setAttribute("lang", lang() === "zh" ? "en" : "zh-CN");
  const items = visiblePages().map((p, i) => h("li", {},
    h("a", { href: "#/" + p.id, id: "nav-" + p.id, "aria-keyshortcuts": "Alt+" + (i + 1),
      title: t("nav.shortcut", i + 1) },
      h("span", { class: "nav-key", "aria-hidden": "true", text: String(i + 1) }), h("span", { i18n: p.titleKey }))));
  fill($("nav"), items);
  markCurrent();
}

function markCurrent() {
  document.querySelectorAll("#nav a").forEach(a => {
    if (current && a.id === "nav-" + current.id) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  });
}

function pageFor(hash) {
  const id = hash.replace(/^#\/?/, "").split("?")[0];
  return visiblePages().find(p => p.id === id);
}

/** "#/kb?q=…" → {q: "…"} */
function params() {
  const q = location.hash.split("?")[1] || "";
  return Object.fromEntries(new URLSearchParams(q));
}

async function route() {
  if ($("app").hidden) return;
  const page = pageFor(location.hash);
  if (!page) {
    location.hash = "#/" + visiblePages()[0].id;
    return;
  }
  if (current && current.leave) current.leave();
  current = page;
  markCurrent();
  status("");
  const main = $("main");
  const heading = h("h1", { class: "page-title", tabindex: "-1", i18n: page.titleKey });
  const body = h("div", { class: "page-body" });
  fill(main, heading, body);
  document.title = t(page.titleKey) + " · " + t("brand");
  try {
    await page.render(body, { session, params: params() });
  } catch (e) {
    if (e && e.status !== 401) status(e.message || String(e), "error");
  }
  if (!main.contains(document.activeElement) || document.activeElement === main) heading.focus();
}

function toggleLang() {
  setLang(lang() === "zh" ? "en" : "zh");
  $("signin-lang").textContent = t("lang.other");
  $("signin-lang").setAttribute("lang", lang() === "zh" ? "en" : "zh-CN");
  translate(document);
  if (!$("app").hidden) {
    shell();
    if (current && current.relabel) current.relabel();
    document.title = (current ? t(current.titleKey) + " · " : "") + t("brand");
  }
}

/** Alt+1…Alt+5 open the pages in navigation order. */
function shortcuts(e) {
  if ($("app").hidden || !e.altKey || e.ctrlKey || e.metaKey) return;
  const n = Number(e.key);
  const pages = visiblePages();
  if (n >= 1 && n <= pages.length) {
    e.preventDefault();
    location.hash = "#/" + pages[n - 1].id;
    document.getElementById("nav-" + pages[n - 1].id).focus();
  }
}

start();
