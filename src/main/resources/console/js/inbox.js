// 会话 Inbox: conversations that need a person first, live over Server-Sent Events; the transcript with why the
// assistant answered as it did; take over, hand back, assign, reply (canned replies, Ctrl+Enter sends).
import { api, status } from "./api.js";
import { t } from "./i18n.js";
import { h, fill, when, select, setText, dialog } from "./dom.js";

const VIEWS = ["waiting", "mine", "all"];
/** The transcript's decisions are the dialogue's turn kinds (lower case); the KB desk's are class names. */
const DECISIONS = { answer: "Answer", clarify: "Clarify", smalltalk: "Smalltalk", handoff: "Handoff", empty: "Empty" };
let state = null;

function summaryItem(c) {
  const selected = state.openId === c.id;
  return h("li", {},
    h("button", { type: "button", class: "conv" + (selected ? " selected" : "") + (c.needsHuman ? " needs-human" : ""),
      "aria-current": selected ? "true" : null, "data-id": c.id, onclick: () => open(c.id) },
      h("span", { class: "conv-head" },
        h("span", { class: "badge state-" + c.state, i18n: "inbox.state." + c.state }),
        h("span", { class: "conv-user", text: c.user }),
        h("span", { class: "conv-channel", i18n: "channel." + c.channel })),
      h("span", { class: "conv-text", text: c.lastText || "" }),
      h("span", { class: "conv-meta" }, when(c.lastMessageAt),
        c.assignedTo ? h("span", { i18n: ["inbox.assignedTo", c.assignedTo] }) : null)));
}

/** Handed-over (waiting or taken over) first, then the newest message first, as the API sorts them. */
function sortSummaries(list) {
  const handedOver = c => (c.state === "waiting" || c.state === "operator" || c.needsHuman) ? 0 : 1;
  return list.sort((a, b) => handedOver(a) - handedOver(b)
    || String(b.lastMessageAt || "").localeCompare(String(a.lastMessageAt || "")));
}

function belongsToView(c) {
  // As the API's views: waiting = handed over and nobody has taken it over yet
  if (state.view === "waiting") return c.needsHuman && !c.takenOverBy;
  if (state.view === "mine") return c.assignedTo === state.session.user || c.takenOverBy === state.session.user;
  return true;
}

function drawList() {
  const items = sortSummaries(state.conversations.filter(belongsToView));
  fill(state.listEl, items.length ? items.map(summaryItem) : h("li", { class: "empty", i18n: "inbox.empty" }));
}

async function load() {
  const data = await api("GET", "conversations?view=" + state.view + "&limit=50");
  state.conversations = data.conversations || [];
  drawList();
}

function turnEntry(turn) {
  const from = turn.from || "system";
  const meta = [];
  if (from === "assistant") {
    if (turn.intent) meta.push(h("span", { class: "tag", i18n: ["inbox.intent", turn.intent] }));
    if (typeof turn.confidence === "number") {
      meta.push(h("span", { class: "tag", i18n: ["inbox.confidence", Math.round(turn.confidence * 100)] }));
    }
    if (turn.decision) meta.push(h("span", { class: "tag", i18n: "decision." + (DECISIONS[turn.decision] || turn.decision) }));
    if (turn.handoff) meta.push(h("span", { class: "tag warn", i18n: "inbox.handoff" }));
  }
  const sources = (turn.sources || []).length
    ? h("p", { class: "sources" }, h("span", { i18n: "inbox.sources" }), " ",
      turn.sources.map((s, i) => [i ? "、" : "", h("a", { href: "#/kb?article=" + encodeURIComponent(s.id), text: s.title || s.id })]))
    : null;
  return h("li", { class: "turn from-" + from },
    h("p", { class: "turn-head" },
      h("span", { class: "who", i18n: "from." + from }),
      turn.operator ? h("span", { class: "turn-op", text: turn.operator }) : null,
      h("time", { datetime: turn.at || "", text: when(turn.at) })),
    h("p", { class: "turn-text", text: turn.text || "" }),
    meta.length ? h("p", { class: "turn-meta" }, meta) : null, sources);
}

async function open(id) {
  state.openId = id;
  const seq = state.openSeq = (state.openSeq || 0) + 1;
  drawList();
  const data = await api("GET", "conversations/" + encodeURIComponent(id));
  // Live updates and actions reload the same conversation; only the latest load is drawn.
  if (!state || state.openId !== id || state.openSeq !== seq) return;
  drawConversation(data);
}

function drawConversation(data) {
  const c = data.conversation;
  state.openConversation = c;
  const mine = c.takenOverBy === state.session.user;
  const actions = h("div", { class: "actions", role: "group", "i18n-aria": "inbox.actions" },
    c.state !== "operator" || !mine
      ? h("button", { type: "button", class: "primary", id: "takeover", i18n: "inbox.takeover", onclick: () => act("takeover") })
      : null,
    c.state === "operator" || c.state === "waiting"
      ? h("button", { type: "button", id: "handback", i18n: "inbox.handback", onclick: () => act("handback") }) : null,
    h("button", { type: "button", id: "assign", i18n: "inbox.assign", onclick: () => assign(c) }));
  const head = h("div", { class: "pane-head" },
    h("h2", {}, h("span", { text: c.user }), " ",
      h("span", { class: "badge state-" + c.state, i18n: "inbox.state." + c.state })),
    c.takenOverBy ? h("p", { class: "hint", i18n: ["inbox.takenOverBy", c.takenOverBy] }) : null,
    c.claimDraft ? h("p", { class: "hint", id: "claim-draft" }, h("strong", { i18n: "inbox.claimDraft" }), " ",
      h("span", { text: c.claimDraft })) : null,
    actions);
  const transcript = h("ol", { class: "transcript", "aria-live": "polite", "i18n-aria": "inbox.transcript" },
    (data.turns || []).map(turnEntry));
  const drawn = state.drawn;
  if (drawn && drawn.id === c.id && drawn.head.isConnected) {
    // A live update of the open conversation: the head and transcript are redrawn, the reply box is left alone,
    // so what the operator is typing (an input method's composition too) and the focus stay where they are.
    const old = drawn.transcript;
    const atEnd = old.scrollHeight - old.scrollTop - old.clientHeight < 24;
    const focusInHead = drawn.head.contains(document.activeElement) ? document.activeElement.id : null;
    drawn.head.replaceWith(head);
    old.replaceWith(transcript);
    transcript.scrollTop = atEnd ? transcript.scrollHeight : old.scrollTop;
    if (focusInHead) document.getElementById(focusInHead)?.focus();
  } else {
    fill(state.paneEl, head, transcript, replyBox(c));
    transcript.scrollTop = transcript.scrollHeight;
  }
  state.drawn = { id: c.id, head, transcript };
}

function replyBox(c) {
  const text = h("textarea", { id: "reply-text", name: "text", rows: "3", maxlength: "1000", required: true,
    "i18n-placeholder": "inbox.replyPlaceholder" });
  const canned = select("canned", state.canned.map(r => ({ value: r.key, label: r.text })), { blank: "inbox.canned" });
  canned.id = "canned";
  canned.setAttribute("aria-label", t("inbox.canned"));
  canned.dataset.i18nAria = "inbox.canned";
  canned.addEventListener("change", () => {
    const r = state.canned.find(x => x.key === canned.value);
    if (r) { text.value = r.text; text.focus(); }
    canned.value = "";
  });
  const form = h("form", { class: "reply", id: "reply" },
    h("label", { for: text.id, i18n: "inbox.reply" }), text,
    h("div", { class: "row" }, canned, h("span", { class: "hint", i18n: "inbox.sendHint" }),
      h("button", { type: "submit", class: "primary", i18n: "inbox.send" })));
  text.addEventListener("keydown", e => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); }
  });
  form.addEventListener("submit", async e => {
    e.preventDefault();
    const value = text.value.trim();
    if (!value) { status(t("inbox.replyEmpty"), "error"); text.focus(); return; }
    await api("POST", "conversations/" + encodeURIComponent(c.id) + "/reply", { text: value });
    text.value = "";
    status(t("inbox.sent"), "ok");
    await open(c.id);
    document.getElementById("reply-text")?.focus();
  });
  return form;
}

async function act(what) {
  const id = state.openId;
  const summary = await api("POST", "conversations/" + encodeURIComponent(id) + "/" + what);
  upsert(summary);
  status(t("inbox.done." + what), "ok");
  await open(id);
}

async function assign(c) {
  let operators = [];
  if (state.session.isAdmin) {
    try { operators = (await api("GET", "operators")).operators.map(o => o.user); } catch (e) { /* typed below */ }
  }
  const control = operators.length
    ? select("operator", operators.map(u => ({ value: u, label: u })), { value: c.assignedTo || undefined })
    : h("input", { name: "operator", required: true, autocomplete: "off" });
  control.id = "assign-operator";
  const form = h("form", { class: "inline" },
    h("label", { for: control.id, i18n: "inbox.assignTo" }), control,
    h("button", { type: "submit", class: "primary", i18n: "inbox.assign" }));
  const d = dialog("inbox.assignTitle", form);
  control.focus();
  form.addEventListener("submit", async e => {
    e.preventDefault();
    const summary = await api("POST", "conversations/" + encodeURIComponent(c.id) + "/assign",
      { operator: control.value.trim() });
    upsert(summary);
    d.close();
    status(t("inbox.done.assign", summary.assignedTo || control.value), "ok");
    await open(c.id);
  });
}

function upsert(summary) {
  if (!summary || !summary.id) return;
  const i = state.conversations.findIndex(c => c.id === summary.id);
  if (i >= 0) state.conversations[i] = summary;
  else state.conversations.push(summary);
  drawList();
}

// ---- live updates: EventSource reconnects by itself on a dropped connection; when the server closed it
// (e.g. the session ended), we retry with a growing pause and check the session.

function connect() {
  if (!state) return;
  const es = new EventSource("/console/api/events");
  state.events = es;
  es.addEventListener("open", () => {
    state.retry = 1000;
    live("live");
    // Whatever changed before the stream was (re)connected is in the list, not in the stream.
    load().catch(() => {});
  });
  es.addEventListener("conversation", e => {
    let summary;
    try { summary = JSON.parse(e.data); } catch (err) { return; }
    upsert(summary);
    if (state.openId === summary.id) open(summary.id).catch(() => {});
  });
  es.addEventListener("error", () => {
    if (!state || state.events !== es) return;
    live("reconnecting");
    if (es.readyState === EventSource.CLOSED) {
      es.close();
      state.timer = setTimeout(async () => {
        if (!state) return;
        try { await api("GET", "me", undefined, { quiet: true }); } catch (err) { if (err.status === 401) return; }
        state.retry = Math.min(state.retry * 2, 30000);
        connect();
      }, state.retry);
    }
  });
}

function live(mode) {
  if (state && state.liveEl) setText(state.liveEl, "inbox.live." + mode).className = "live " + mode;
}

export default {
  id: "inbox",
  titleKey: "nav.inbox",
  async render(root, { session, params }) {
    state = { session, view: "waiting", conversations: [], canned: [], openId: null, retry: 1000 };
    const tabs = h("div", { class: "tabs", role: "tablist", "i18n-aria": "inbox.views" },
      VIEWS.map(v => h("button", { type: "button", role: "tab", id: "view-" + v, "aria-selected": String(v === state.view),
        i18n: "inbox.view." + v, onclick: async e => {
          state.view = v;
          tabs.querySelectorAll("[role=tab]").forEach(b => b.setAttribute("aria-selected", String(b === e.currentTarget)));
          await load();
        } })));
    state.liveEl = h("span", { class: "live", "aria-live": "polite" });
    state.listEl = h("ul", { class: "conv-list", id: "conversations", "i18n-aria": "inbox.list" });
    state.paneEl = h("section", { class: "conv-pane", id: "conversation", "i18n-aria": "inbox.conversation" },
      h("p", { class: "empty", i18n: "inbox.pick" }));
    fill(root, h("div", { class: "inbox" },
      h("section", { class: "conv-side" }, h("div", { class: "row" }, tabs, state.liveEl), state.listEl),
      state.paneEl));
    live("connecting");
    api("GET", "canned", undefined, { quiet: true }).then(d => { if (state) state.canned = d.replies || []; }).catch(() => {});
    await load();
    connect();
    // "#/inbox?open=<id>": the claims desk's link to a resident waiting for a call back.
    if (params && params.open) await open(params.open);
  },
  leave() {
    if (!state) return;
    if (state.events) state.events.close();
    clearTimeout(state.timer);
    state = null;
  }
};
