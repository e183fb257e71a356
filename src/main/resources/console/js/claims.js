// 理赔 Claims desk: filter and search claims (ID numbers and phones masked), a claim's history and deliveries,
// an audited reveal of the full ID number, retry or correct a HELD claim, and filing a claim for a caller.
import { api, status, ApiError } from "./api.js";
import { t } from "./i18n.js";
import { h, fill, field, select, dialog, when, values, clearFieldErrors, showFieldError } from "./dom.js";
import { reference } from "./reference.js";

const PAGE = 20;
let state = null;

function statusOptions(ref) {
  return ref.statuses.map(s => ({ value: s, i18n: "claim.status." + s }));
}

function perilOptions(ref) {
  return ref.perils.map(p => ({ value: p.key, i18n: "peril." + p.key }));
}

function streetControl(ref, name, blank) {
  if (!ref.streets.length) return h("input", { name, autocomplete: "off" });
  return select(name, ref.streets.map(s => ({ value: s, label: s })), { blank });
}

function filterBar(ref) {
  const form = h("form", { class: "filters", id: "claim-filters", role: "search", "i18n-aria": "claims.filters" },
    field("claims.status", select("status", statusOptions(ref), { blank: "any" })),
    field("claims.street", streetControl(ref, "street", "any")),
    field("claims.peril", select("peril", perilOptions(ref), { blank: "any" })),
    field("claims.from", h("input", { type: "date", name: "from" })),
    field("claims.to", h("input", { type: "date", name: "to" })),
    field("claims.q", h("input", { type: "search", name: "q", id: "claim-q", "i18n-placeholder": "claims.qHint",
      autocomplete: "off" })),
    h("div", { class: "buttons" },
      h("button", { type: "submit", class: "primary", i18n: "search" }),
      h("button", { type: "reset", i18n: "reset" })));
  form.addEventListener("submit", e => { e.preventDefault(); state.offset = 0; load(); });
  form.addEventListener("reset", () => setTimeout(() => { state.offset = 0; load(); }));
  return form;
}

function query() {
  const v = values(state.filters);
  const p = new URLSearchParams();
  for (const k of ["status", "street", "peril", "from", "to", "q"]) if (v[k]) p.set(k, v[k]);
  p.set("limit", PAGE);
  p.set("offset", state.offset);
  return p.toString();
}

async function load() {
  const data = await api("GET", "claims?" + query());
  state.total = data.total || 0;
  const rows = data.claims || [];
  fill(state.tbody, rows.length ? rows.map(row) : h("tr", {}, h("td", { colspan: "9", class: "empty", i18n: "claims.none" })));
  const from = rows.length ? state.offset + 1 : 0;
  fill(state.pageInfo, h("span", { i18n: ["claims.pageInfo", from, state.offset + rows.length, state.total] }));
  state.prev.disabled = state.offset === 0;
  state.next.disabled = state.offset + rows.length >= state.total;
}

function statusBadge(s) {
  return h("span", { class: "badge claim-" + s, i18n: "claim.status." + s });
}

function row(c) {
  return h("tr", {},
    h("td", {}, h("button", { type: "button", class: "link claim-no", text: c.claimNo, onclick: () => detail(c.claimNo),
      "aria-label": t("claims.open", c.claimNo) })),
    h("td", {}, statusBadge(c.status), (c.flags || []).length ? h("span", { class: "tag warn", title: c.flags.join(", "), text: "⚑" }) : null),
    h("td", { text: when(c.submittedAt) }),
    h("td", { text: c.street || "" }),
    h("td", { i18n: "peril." + c.peril }),
    h("td", { text: c.name || "" }),
    h("td", { class: "mono", text: c.phone || "" }),
    h("td", { class: "mono", text: c.idNumber || "" }),
    h("td", { class: "num", text: c.total || "" }),
  );
}

function definition(pairs) {
  return h("dl", { class: "facts" }, pairs.filter(p => p[1] !== undefined && p[1] !== null && p[1] !== "")
    .map(([k, v]) => [h("dt", { i18n: k }), h("dd", {}, v)]));
}

async function detail(claimNo) {
  const data = await api("GET", "claims/" + encodeURIComponent(claimNo));
  const c = data.claim || {};
  const who = c.claimant || {};
  const address = who.address || {};
  const idCell = h("span", { class: "mono", id: "claim-id-number", text: who.idNumber || "" });
  const phoneCell = h("span", { class: "mono", id: "claim-phone", text: who.phone || "" });
  const reveal = h("button", { type: "button", id: "reveal", i18n: "claims.reveal", onclick: async () => {
    const full = await api("POST", "claims/" + encodeURIComponent(claimNo) + "/reveal");
    idCell.textContent = full.idNumber || "";
    phoneCell.textContent = full.phone || "";
    reveal.disabled = true;
    status(t("claims.revealed"), "info");
  } });
  const delivery = data.delivery || {};
  const body = h("div", { class: "claim-detail" },
    h("div", { class: "row" }, statusBadge(c.status), h("span", { class: "hint", text: claimNo })),
    definition([
      ["claims.name", who.name],
      ["claims.idNumber", h("span", {}, idCell, " ", reveal)],
      ["claims.phone", phoneCell],
      ["claims.address", [address.street, address.community, address.detail].filter(Boolean).join(" ")],
      ["claims.peril", h("span", { i18n: "peril." + c.peril })],
      ["claims.incidentDate", c.incidentDate],
      // The detail is the contract's claim JSON: "createdAt" (rows say "submittedAt"), losses' "estimatedAmount"
      ["claims.submittedAt", when(c.createdAt || c.submittedAt)],
      ["claims.channel", c.channel ? h("span", { i18n: "channel." + c.channel }) : null],
      ["claims.description", c.description],
      ["claims.losses", (c.losses || []).map(l => h("span", { class: "tag" }, h("span", { i18n: "loss." + l.type }), " ",
        yuan(l.estimate ?? l.estimatedAmount)))],
      ["claims.flags", (data.flags || []).length
        ? h("span", { id: "claim-flags" }, data.flags.map(f => h("span", { class: "tag warn", text: f }))) : null],
      ["claims.attachments", attachmentList(c)],
    ]),
    h("p", { class: "hint", i18n: "claims.revealAudit" }),
    h("h3", { i18n: "claims.history" }),
    h("ol", { class: "history" }, (data.history || []).map(e => h("li", {},
      h("time", { text: when(e.at) }), " ", h("span", { text: historyText(e) })))),
    h("h3", { i18n: "claims.delivery" }),
    h("p", {}, h("span", { i18n: "claims.deliveryState" }), " ", h("span", { i18n: "delivery." + (delivery.state || "unknown") }),
      // A held claim waits for an operator, whatever time its last schedule left behind
      delivery.nextAttemptAt && delivery.state === "pending" ? h("span", { i18n: ["claims.nextAttempt", when(delivery.nextAttemptAt)] }) : null),
    h("table", { class: "attempts" },
      h("thead", {}, h("tr", {}, ["claims.at", "claims.outcome", "claims.httpStatus", "claims.error"].map(k => h("th", { i18n: k })))),
      h("tbody", {}, (delivery.attempts || []).map(a => h("tr", {},
        h("td", { text: when(a.at) }), h("td", a.outcome ? { i18n: "outcome." + a.outcome } : {}), h("td", { text: a.status ?? "" }),
        h("td", { text: a.error || "" }))))),
    c.status === "HELD" ? h("div", { class: "actions" },
      h("button", { type: "button", class: "primary", id: "retry", i18n: "claims.retry", onclick: async () => {
        await api("POST", "claims/" + encodeURIComponent(claimNo) + "/retry");
        status(t("claims.retried", claimNo), "ok");
        d.close();
        load();
      } }),
      h("button", { type: "button", id: "correct", i18n: "claims.correct", onclick: () => { d.close(); correct(claimNo, c); } }))
      : null);
  const d = dialog("claims.detailTitle", body, { wide: true });
}

/**
 * The resident's photos and documents: kind, when, how they came, and the link as text (never loaded by the
 * console: a resident chose it). Those sent after submission are marked, as is a claim still awaiting some.
 */
function attachmentList(c) {
  const items = (c.attachments || []).map(a => h("li", { class: "attachment" },
    h("span", { class: "tag", i18n: "claims.kind." + (a.kind || "photo") }), " ",
    a.addedAt ? h("time", { text: when(a.addedAt) }) : null, " ",
    a.addedAt && c.createdAt && a.addedAt > c.createdAt ? h("span", { class: "tag warn", i18n: "claims.addedLater" }) : null, " ",
    h("code", { text: a.url })));
  return h("div", { id: "claim-attachments" },
    c.awaitingDocuments ? h("p", { class: "tag warn", i18n: "claims.awaitingDocuments" }) : null,
    items.length ? h("ul", {}, items) : h("span", { i18n: "claims.noAttachments" }));
}

/**
 * Residents who could not get past a step of the claim form and were told a person will call: what they filled
 * (masked), where they stopped, and their conversation (open it in the inbox to reply or take over).
 */
async function loadCallbacks() {
  const data = await api("GET", "claim-callbacks");
  const list = data.callbacks || [];
  fill(state.callbacks, h("h3", { i18n: "claims.callbacks" }),
    list.length ? h("ul", { class: "callbacks" }, list.map(c => h("li", {},
      h("time", { text: when(c.at) }), " ", h("span", { class: "tag", text: c.step }), " ",
      h("span", { text: c.summary }), " ",
      h("a", { href: "#/inbox?open=" + encodeURIComponent(c.conversationId), text: c.conversationId }))))
      : h("p", { class: "empty", i18n: "claims.callbacksNone" }));
}

/** 8000 or "8000.00" → "8000.00" (the detail gives amounts as numbers, the rows as strings). */
function yuan(v) {
  const n = Number(v);
  return v === undefined || v === null || v === "" || isNaN(n) ? String(v ?? "") : n.toFixed(2);
}

/** A history entry is {at, status, by, note?}: the status the claim moved to, who moved it and why. */
function historyText(e) {
  const parts = [];
  if (e.from || e.to) parts.push([e.from, e.to].filter(Boolean).map(s => t("claim.status." + s)).join(" → "));
  if (e.status) parts.push(t("claim.status." + e.status));
  for (const k of ["event", "by", "note", "reason"]) if (e[k]) parts.push(String(e[k]));
  return parts.length ? parts.join(" · ") : JSON.stringify(e);
}

/** Correct a HELD claim: phone, address, description, with a note; then it is retried. */
async function correct(claimNo, c) {
  const ref = await reference();
  const who = c.claimant || {};
  const address = who.address || {};
  const form = h("form", { class: "grid2", novalidate: true },
    field("claims.phone", h("input", { name: "phone", inputmode: "numeric", autocomplete: "off", "i18n-placeholder": "claims.keepBlank" })),
    field("claims.street", streetControl(ref, "street", "claims.keepBlank"), { fieldName: "street" }),
    field("claims.community", h("input", { name: "community", value: address.community || "" })),
    field("claims.addressDetail", h("input", { name: "detail", value: address.detail || "" })),
    h("div", { class: "wide" }, field("claims.description", h("textarea", { name: "description", rows: "3" }))),
    h("div", { class: "wide" }, field("claims.note", h("textarea", { name: "note", rows: "2", required: true }), { hint: "claims.noteHint" })),
    h("div", { class: "buttons wide" }, h("button", { type: "submit", class: "primary", i18n: "claims.correctSave" })));
  form.querySelector("[name=description]").value = c.description || "";
  const d = dialog("claims.correctTitle", form, { wide: true });
  form.addEventListener("submit", async e => {
    e.preventDefault();
    clearFieldErrors(form);
    const v = values(form);
    const body = { note: v.note };
    if (v.phone) body.phone = v.phone;
    if (v.street || v.community !== (address.community || "") || v.detail !== (address.detail || "")) {
      body.address = { street: v.street || address.street, community: v.community, detail: v.detail };
    }
    if (v.description !== (c.description || "")) body.description = v.description;
    await submit(form, () => api("POST", "claims/" + encodeURIComponent(claimNo) + "/correct", body, { quiet: true }));
    d.close();
    status(t("claims.corrected", claimNo), "ok");
    load();
  });
}

/** Posts, showing {"error":"invalid_<field>"} beside the field; other errors in the status area. */
async function submit(form, call) {
  try {
    return await call();
  } catch (e) {
    if (!(e instanceof ApiError) || !showFieldError(form, e)) status(e.message, "error");
    throw e;
  }
}

/** 代来电群众报案: an operator files a claim for a resident on the phone. */
async function fileForCaller() {
  const ref = await reference();
  const lossInputs = (ref.lossTypes.length ? ref.lossTypes : [{ key: "HOUSE_DAMAGE" }, { key: "DEATH" }, { key: "DISABILITY" }])
    .map(l => field("loss." + l.key, h("input", { name: "loss-" + l.key, inputmode: "decimal", autocomplete: "off",
      "i18n-placeholder": "claims.estimateHint" }), { fieldName: "loss-" + l.key }));
  const form = h("form", { class: "grid2", id: "file-claim", novalidate: true },
    field("claims.name", h("input", { name: "name", required: true, autocomplete: "off" })),
    field("claims.idNumber", h("input", { name: "idNumber", required: true, autocomplete: "off", maxlength: "18" })),
    field("claims.phone", h("input", { name: "phone", required: true, inputmode: "numeric", autocomplete: "off", maxlength: "11" })),
    field("claims.street", streetControl(ref, "street", "choose"), { fieldName: "street" }),
    field("claims.community", h("input", { name: "community", autocomplete: "off" })),
    field("claims.addressDetail", h("input", { name: "detail", autocomplete: "off" })),
    field("claims.peril", select("peril", perilOptions(ref), { blank: "choose" })),
    field("claims.incidentDate", h("input", { type: "date", name: "incidentDate", required: true })),
    h("fieldset", { class: "wide losses", "data-field": "losses" },
      h("legend", { i18n: "claims.losses" }), lossInputs, h("span", { class: "field-error", "aria-live": "polite" })),
    h("div", { class: "wide" }, field("claims.description", h("textarea", { name: "description", rows: "3", required: true }))),
    h("div", { class: "wide" }, field("claims.callerNote", h("textarea", { name: "callerNote", rows: "2" }), { hint: "claims.callerNoteHint" })),
    h("div", { class: "wide field", "data-field": "hukouConfirmed" },
      h("label", { class: "check" }, h("input", { type: "checkbox", name: "hukouConfirmed", value: "yes" }),
        h("span", { i18n: "claims.hukou" })), h("span", { class: "field-error", "aria-live": "polite" })),
    h("div", { class: "buttons wide" }, h("button", { type: "submit", class: "primary", i18n: "claims.file" })));
  const d = dialog("claims.fileTitle", form, { wide: true });
  form.querySelector("[name=name]").focus();
  form.addEventListener("submit", async e => {
    e.preventDefault();
    clearFieldErrors(form);
    const v = values(form);
    const losses = Object.keys(v).filter(k => k.startsWith("loss-") && v[k])
      .map(k => ({ type: k.slice(5), estimate: v[k] }));
    const body = {
      claimant: { name: v.name, idNumber: v.idNumber, phone: v.phone,
        address: { street: v.street, community: v.community, detail: v.detail } },
      peril: v.peril, incidentDate: v.incidentDate, losses, description: v.description,
      hukouConfirmed: v.hukouConfirmed === "yes",
    };
    if (v.callerNote) body.callerNote = v.callerNote;
    const filed = await submit(form, () => api("POST", "claims", body, { quiet: true }));
    d.close();
    status(t("claims.filed", filed.claimNo), "ok");
    state.offset = 0;
    await load();
  });
}

export default {
  id: "claims",
  titleKey: "nav.claims",
  async render(root) {
    const ref = await reference();
    state = { offset: 0, total: 0 };
    state.filters = filterBar(ref);
    state.tbody = h("tbody", {});
    state.pageInfo = h("span", { class: "page-info", "aria-live": "polite" });
    state.prev = h("button", { type: "button", i18n: "prev", onclick: () => { state.offset = Math.max(0, state.offset - PAGE); load(); } });
    state.next = h("button", { type: "button", i18n: "next", onclick: () => { state.offset += PAGE; load(); } });
    const columns = ["claims.claimNo", "claims.status", "claims.submittedAt", "claims.street", "claims.peril",
      "claims.name", "claims.phone", "claims.idNumber", "claims.total"];
    fill(root,
      h("div", { class: "toolbar" },
        h("button", { type: "button", class: "primary", id: "file-for-caller", i18n: "claims.fileForCaller", onclick: fileForCaller })),
      state.filters,
      h("div", { class: "table-wrap" }, h("table", { class: "claims", id: "claims-table" },
        h("caption", { class: "sr-only", i18n: "nav.claims" }),
        h("thead", {}, h("tr", {}, columns.map(k => h("th", { scope: "col", i18n: k })))), state.tbody)),
      h("div", { class: "pager" }, state.prev, state.pageInfo, state.next),
      state.callbacks = h("section", { id: "claim-callbacks" }));
    await load();
    await loadCallbacks();
  },
  leave() { state = null; }
};
