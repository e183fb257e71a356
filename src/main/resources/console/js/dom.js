// Small DOM helpers. Text always goes in as text (never as HTML), and no inline style is ever set,
// so the pages work under the console's Content-Security-Policy.
import { t } from "./i18n.js";

/**
 * h("button", {class: "primary", onclick: fn, "aria-label": "…"}, "text", child…)
 * Attributes: class, text (textContent), i18n (a dictionary key for the text), on<event> handlers,
 * boolean true/false for boolean attributes, anything else as an attribute; null/undefined are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k === "i18n") setText(el, v);
    else if (k === "i18n-placeholder" || k === "i18n-aria" || k === "i18n-title") {
      const attr = { "i18n-placeholder": "placeholder", "i18n-aria": "aria-label", "i18n-title": "title" }[k];
      el.dataset[{ placeholder: "i18nPlaceholder", "aria-label": "i18nAria", title: "i18nTitle" }[attr]] = v;
      el.setAttribute(attr, t(v));
    }
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "value") el.value = v;
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

/** Text from the dictionary that follows the language switch: key or [key, ...args]. */
export function setText(el, key) {
  const [k, ...args] = Array.isArray(key) ? key : [key];
  el.dataset.i18n = k;
  if (args.length) el.dataset.i18nArgs = JSON.stringify(args);
  else delete el.dataset.i18nArgs;
  el.textContent = t(k, ...args);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A labelled form field: <div class="field"><label>…</label><input id=…><span class="field-error"></span></div>. */
export function field(labelKey, control, { hint, fieldName } = {}) {
  if (!control.id) control.id = "f-" + Math.random().toString(36).slice(2, 9);
  const error = h("span", { class: "field-error", id: control.id + "-err", "aria-live": "polite" });
  control.setAttribute("aria-describedby", error.id);
  const wrap = h("div", { class: "field", "data-field": fieldName || control.name || null },
    h("label", { for: control.id, i18n: labelKey }), control, hint ? h("span", { class: "hint", i18n: hint }) : null, error);
  return wrap;
}

/** <select> with options [{value, label}] or [{value, i18n}]; blank is a dictionary key for an empty choice. */
export function select(name, options, { value, blank } = {}) {
  const s = h("select", { name });
  if (blank !== undefined) s.append(h("option", { value: "", i18n: blank }));
  for (const o of options) s.append(h("option", { value: o.value, text: o.label, i18n: o.i18n }));
  if (value !== undefined) s.value = value;
  return s;
}

/** A modal dialog: Esc closes it (native <dialog>), focus returns to where it was. */
export function dialog(titleKey, body, { onclose, wide } = {}) {
  const opener = document.activeElement;
  const close = h("button", { type: "button", class: "link close", "aria-label": t("close"), text: "×",
    onclick: () => d.close() });
  const title = h("h2", { id: "dlg-" + Math.random().toString(36).slice(2, 8), i18n: titleKey });
  const d = h("dialog", { class: wide ? "wide" : null, "aria-labelledby": title.id },
    h("div", { class: "dialog-head" }, title, close), body);
  d.addEventListener("close", () => {
    d.remove();
    if (onclose) onclose();
    if (opener && opener.focus) opener.focus();
  });
  document.body.append(d);
  d.showModal();
  return d;
}

/** "2026-03-01T08:00:00Z" → local "2026-03-01 16:00" */
export function when(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  if (isNaN(d)) return iso;
  const p = n => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Form values as an object of trimmed strings. */
export function values(form) {
  const out = {};
  for (const [k, v] of new FormData(form).entries()) out[k] = typeof v === "string" ? v.trim() : v;
  return out;
}

/** Clears and shows per-field errors: {"error":"invalid_<field>"} goes next to [data-field=<field>]. */
export function clearFieldErrors(form) {
  form.querySelectorAll(".field-error").forEach(e => { e.textContent = ""; });
  form.querySelectorAll("[aria-invalid]").forEach(e => e.removeAttribute("aria-invalid"));
}

/** Error names that differ from the form's field names. */
const FIELD_ALIASES = { address: "community", estimate: "losses", loss: "losses", lossType: "losses",
  id_number: "idNumber", incident_date: "incidentDate", hukou: "hukouConfirmed" };

/** Error codes that name a field without the invalid_ prefix. */
const CODE_FIELDS = { weak_password: "password", exists: "user", summary_too_long: "body" };

export function showFieldError(form, err) {
  const code = err && err.code ? err.code : "";
  const raw = CODE_FIELDS[code] || (/^(invalid|missing)_/.test(code) ? code.replace(/^(invalid|missing)_/, "") : null);
  if (!raw) return false;
  const name = FIELD_ALIASES[raw] || raw;
  const wrap = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
  if (!wrap) return false;
  const msg = wrap.querySelector(".field-error");
  msg.textContent = err.message || t("error.invalid");
  const control = wrap.querySelector("input, select, textarea");
  if (control) { control.setAttribute("aria-invalid", "true"); control.focus(); }
  return true;
}
