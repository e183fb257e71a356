// 账号 Operators (admins): the accounts, and a form to create one.
import { api, status, ApiError } from "./api.js";
import { t } from "./i18n.js";
import { h, fill, field, select, when, values, clearFieldErrors, showFieldError } from "./dom.js";

let tbody = null;

async function load() {
  const list = (await api("GET", "operators")).operators || [];
  fill(tbody, list.map(o => h("tr", {},
    h("td", { text: o.user }), h("td", { i18n: "role." + o.role }), h("td", { text: when(o.createdAt) }),
    h("td", {}, o.disabled ? h("span", { class: "badge", i18n: "ops.disabled" }) : null,
      o.locked ? h("span", { class: "badge warn", i18n: "ops.locked" }) : null,
      !o.disabled && !o.locked ? h("span", { class: "badge ok", i18n: "ops.active" }) : null))));
}

function createForm() {
  const form = h("form", { class: "inline-form", id: "new-operator", novalidate: true },
    field("ops.user", h("input", { name: "user", required: true, autocomplete: "off", maxlength: "64" })),
    field("ops.password", h("input", { name: "password", type: "password", required: true, autocomplete: "new-password" }),
      { hint: "ops.passwordHint" }),
    field("ops.role", select("role", [{ value: "operator", i18n: "role.operator" }, { value: "admin", i18n: "role.admin" }])),
    h("div", { class: "buttons" }, h("button", { type: "submit", class: "primary", i18n: "ops.create" })));
  form.addEventListener("submit", async e => {
    e.preventDefault();
    clearFieldErrors(form);
    const v = values(form);
    try {
      await api("POST", "operators", { user: v.user, password: form.querySelector("[name=password]").value, role: v.role },
        { quiet: true });
    } catch (err) {
      if (!(err instanceof ApiError) || !showFieldError(form, err)) status(err.message, "error");
      return;
    }
    status(t("ops.created", v.user), "ok");
    form.reset();
    await load();
  });
  return form;
}

export default {
  id: "operators",
  titleKey: "nav.operators",
  adminOnly: true,
  async render(root) {
    tbody = h("tbody", {});
    fill(root,
      h("table", { id: "operators" }, h("thead", {}, h("tr", {},
        ["ops.user", "ops.role", "ops.createdAt", "ops.state"].map(k => h("th", { scope: "col", i18n: k })))), tbody),
      h("h2", { i18n: "ops.new" }), createForm());
    await load();
  },
  leave() { tbody = null; }
};
