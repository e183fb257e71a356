// 知识库 Knowledge base: try a question as a resident and see why the assistant answers as it does; read, edit,
// preview, save and retire articles (admins); retrain the intent model (admins).
import { api, status, ApiError } from "./api.js";
import { t } from "./i18n.js";
import { h, fill, field, select, dialog, clearFieldErrors, showFieldError } from "./dom.js";
import { reference } from "./reference.js";

let state = null;

const lines = text => text.split("\n").map(s => s.trim()).filter(Boolean);

function tryBox(initial) {
  const input = h("input", { type: "search", name: "text", id: "try-text", maxlength: "500", required: true,
    "i18n-placeholder": "kb.tryPlaceholder", value: initial || "" });
  const out = h("div", { class: "try-result", id: "try-result", "aria-live": "polite" });
  const form = h("form", { class: "try", role: "search", id: "kb-try" },
    h("label", { for: input.id, i18n: "kb.try" }), h("div", { class: "row" }, input,
      h("button", { type: "submit", class: "primary", i18n: "kb.tryButton" })), out);
  form.addEventListener("submit", async e => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) { input.focus(); return; }
    const r = await api("POST", "kb/try", { text });
    fill(out, tryResult(r));
  });
  return form;
}

function tryResult(r) {
  return h("div", { class: "why" },
    h("p", {}, h("strong", { i18n: "kb.decision" }), " ",
      h("span", { class: "badge decision-" + r.decision, i18n: "decision." + r.decision }),
      r.reason ? h("span", { class: "hint", i18n: ["kb.reason", r.reason] }) : null,
      r.choices ? h("span", { class: "hint", i18n: ["kb.choices", r.choices.join(" / ")] }) : null),
    h("p", { class: "hint", id: "try-checks" }, h("span", { i18n: ["kb.kind", r.kind || "OTHER"] }), " · ",
      h("span", { i18n: ["kb.check", r.check || ""] }),
      r.missing ? h("span", { i18n: ["kb.missing", r.missing] }) : null),
    r.answer ? h("blockquote", { class: "answer", id: "try-answer", text: r.answer }) : null,
    r.known ? h("blockquote", { class: "answer known", id: "try-known", text: r.known }) : null,
    h("div", { class: "cols" },
      h("div", {}, h("h3", { i18n: "kb.intents" }), h("ol", { class: "intents" }, (r.intents || []).map(i => h("li", {},
        h("span", { class: "intent", text: i.intent }),
        h("meter", { min: "0", max: "1", value: String(i.confidence), "aria-label": i.intent }),
        h("span", { class: "num", text: Math.round(i.confidence * 100) + "%" }))))),
      h("div", {}, h("h3", { i18n: "kb.articles" }), (r.articles || []).length
        ? h("ol", { class: "scores" }, r.articles.map(a => h("li", {},
          h("button", { type: "button", class: "link", text: a.title, onclick: () => openArticle(a.id) }),
          " ", h("span", { class: "num", i18n: ["kb.scores", a.bm25, a.vector, a.fused] }),
          h("ol", { class: "passages" }, (a.passages || []).map(p => h("li", {},
            h("span", { class: "passage", text: p.text }), " ",
            h("span", { class: "num", i18n: ["kb.scores", p.bm25, p.vector, p.fused] })))))))
        : h("p", { class: "hint", i18n: "kb.noArticles" }))),
    r.words ? h("p", { class: "hint" }, h("span", { i18n: "kb.words" }), " ", r.words.join(" / ")) : null);
}

function list() {
  const filter = h("input", { type: "search", id: "kb-filter", "i18n-placeholder": "kb.filter", "i18n-aria": "kb.filter" });
  const ul = h("ul", { class: "article-list", id: "articles" });
  const draw = () => {
    const q = filter.value.trim().toLowerCase();
    const shown = state.articles.filter(a => !q || [a.id, a.title, a.topic].some(x => String(x).toLowerCase().includes(q)));
    fill(ul, shown.map(a => h("li", {}, h("button", { type: "button", class: "article" + (state.openId === a.id ? " selected" : ""),
      "data-id": a.id, "aria-current": state.openId === a.id ? "true" : null, onclick: () => openArticle(a.id) },
      h("span", { class: "title", text: a.title }), h("span", { class: "topic", text: a.topic })))));
  };
  state.drawList = draw;
  filter.addEventListener("input", draw);
  draw();
  return h("section", { class: "kb-side", "i18n-aria": "kb.list" },
    h("div", { class: "row" }, filter,
      state.session.isAdmin ? h("button", { type: "button", id: "kb-new", i18n: "kb.new", onclick: () => edit(null) }) : null),
    ul);
}

async function loadList() {
  state.articles = (await api("GET", "articles")).articles || [];
  state.articles.sort((a, b) => a.topic.localeCompare(b.topic) || a.title.localeCompare(b.title));
  if (state.drawList) state.drawList();
}

async function openArticle(id) {
  const a = await api("GET", "articles/" + encodeURIComponent(id));
  edit(a);
}

function summaryOf(body) {
  const end = body.indexOf("\n\n");
  return (end < 0 ? body : body.slice(0, end)).trim();
}

/** The editor: GET articles/:id gives {id,title,topic,source,passages,questions,keywords,body}; PUT takes the same. */
async function edit(a) {
  const ref = await reference();
  const isNew = !a;
  a = a || { id: "", title: "", topic: "", source: "", passages: [], questions: [], keywords: [], body: "" };
  state.openId = a.id || null;
  state.drawList();
  const admin = state.session.isAdmin;
  const ro = admin ? null : true;
  const topics = ref.topics.length ? ref.topics : [...new Set(state.articles.map(x => x.topic))].sort();
  const topic = select("topic", topics.map(x => ({ value: x, label: x })), { value: a.topic, blank: "choose" });
  topic.disabled = !admin;
  const body = h("textarea", { name: "body", id: "kb-body", rows: "9", maxlength: "2000", readonly: ro });
  body.value = a.body;
  const summary = h("p", { class: "summary", id: "kb-summary", "aria-live": "polite", text: summaryOf(a.body) });
  body.addEventListener("input", () => { summary.textContent = summaryOf(body.value); });
  const area = (name, list, rows) => { const x = h("textarea", { name, rows, readonly: ro }); x.value = list.join("\n"); return x; };
  const form = h("form", { class: "editor", id: "kb-editor", novalidate: true, "i18n-aria": "kb.editor" },
    h("div", { class: "grid2" },
      field("kb.id", h("input", { name: "id", value: a.id, readonly: isNew ? null : true, required: true,
        pattern: "[a-z0-9][a-z0-9-]{1,80}", autocomplete: "off" }), { hint: isNew ? "kb.idHint" : null }),
      field("kb.topic", topic),
      h("div", { class: "wide" }, field("kb.title", h("input", { name: "title", value: a.title, maxlength: "80", readonly: ro, required: true }))),
      h("div", { class: "wide field" }, h("span", { class: "label", i18n: "kb.summary" }), summary, h("span", { class: "hint", i18n: "kb.summaryHint" })),
      h("div", { class: "wide" }, field("kb.body", body, { hint: "kb.bodyHint" })),
      field("kb.questions", area("questions", a.questions, 4), { hint: "kb.onePerLine" }),
      field("kb.keywords", area("keywords", a.keywords, 4), { hint: "kb.onePerLine" }),
      h("div", { class: "wide" }, field("kb.passages", area("passages", a.passages, 4), { hint: "kb.passagesHint" })),
      h("div", { class: "wide" }, field("kb.source", h("input", { name: "source", value: a.source || "", maxlength: "200", readonly: ro })))),
    h("div", { class: "preview", id: "kb-preview", "aria-live": "polite" }),
    h("div", { class: "buttons" },
      h("button", { type: "button", id: "kb-preview-button", i18n: "kb.preview", onclick: () => preview(form) }),
      admin ? h("button", { type: "submit", class: "primary", id: "kb-save", i18n: "kb.save" }) : null,
      admin && !isNew ? h("button", { type: "button", class: "danger", id: "kb-retire", i18n: "kb.retire", onclick: () => retire(a) }) : null,
      admin ? null : h("span", { class: "hint", i18n: "kb.adminOnly" })));
  form.addEventListener("submit", async e => {
    e.preventDefault();
    if (!admin) return;
    clearFieldErrors(form);
    const article = collect(form);
    if (!/^[a-z0-9][a-z0-9-]{1,80}$/.test(article.id)) {
      showFieldError(form, { code: "invalid_id", message: t("kb.idHint") });
      return;
    }
    try {
      const saved = await api("PUT", "articles/" + encodeURIComponent(article.id), article, { quiet: true });
      status(t("kb.saved", saved.title), "ok");
      await loadList();
      edit(saved);
    } catch (err) {
      if (!(err instanceof ApiError) || !showFieldError(form, err)) status(err.message, "error");
    }
  });
  fill(state.editorEl, h("h2", { text: isNew ? t("kb.new") : a.title }), form);
  form.querySelector(isNew ? "[name=id]" : "[name=title]").focus();
}

function collect(form) {
  const v = name => form.querySelector(`[name=${name}]`).value;
  return { id: v("id").trim(), title: v("title").trim(), topic: v("topic"), source: v("source").trim(),
    body: v("body").replace(/\r\n/g, "\n").trim(), questions: lines(v("questions")), keywords: lines(v("keywords")),
    passages: lines(v("passages")) };
}

async function preview(form) {
  const out = form.querySelector("#kb-preview");
  const question = state.tryInput.value.trim();
  const article = collect(form);
  if (question) article.question = question;
  const r = await api("POST", "kb/preview", article);
  fill(out, h("h3", { i18n: "kb.previewTitle" }),
    h("p", { class: r.valid ? "ok" : "error", i18n: r.valid ? "kb.valid" : "kb.invalid" }),
    (r.errors || []).length ? h("ul", { class: "errors" }, r.errors.map(e => h("li", { text: typeof e === "string" ? e : (e.message || JSON.stringify(e)) }))) : null,
    r.summary ? h("blockquote", { class: "answer", text: r.summary }) : null);
}

function retire(a) {
  const yes = h("button", { type: "button", class: "danger", id: "kb-retire-yes", i18n: "kb.retireYes" });
  const no = h("button", { type: "button", i18n: "cancel" });
  const d = dialog("kb.retireTitle", h("div", {}, h("p", { i18n: ["kb.retireConfirm", a.title] }), h("div", { class: "buttons" }, yes, no)));
  no.addEventListener("click", () => d.close());
  no.focus();
  yes.addEventListener("click", async () => {
    await api("DELETE", "articles/" + encodeURIComponent(a.id));
    d.close();
    status(t("kb.retired", a.title), "ok");
    state.openId = null;
    fill(state.editorEl, h("p", { class: "empty", i18n: "kb.pick" }));
    await loadList();
  });
}

async function retrain(button) {
  button.disabled = true;
  status(t("kb.retraining"), "info");
  try {
    const r = await api("POST", "intents/retrain");
    status(t("kb.retrained", r.intents, r.examples, r.millis), "ok");
  } finally {
    button.disabled = false;
  }
}

export default {
  id: "kb",
  titleKey: "nav.kb",
  async render(root, { session, params }) {
    state = { session, articles: [], openId: null };
    const tryForm = tryBox(params.q);
    state.tryInput = tryForm.querySelector("#try-text");
    state.editorEl = h("section", { class: "kb-editor", id: "kb-editor-pane" }, h("p", { class: "empty", i18n: "kb.pick" }));
    await loadList();
    fill(root,
      h("div", { class: "toolbar" }, session.isAdmin
        ? h("button", { type: "button", id: "kb-retrain", i18n: "kb.retrain", onclick: e => retrain(e.currentTarget) }) : null),
      tryForm,
      h("div", { class: "kb" }, list(), state.editorEl));
    if (params.q) tryForm.requestSubmit();
    if (params.article) await openArticle(params.article);
  },
  leave() { state = null; }
};
