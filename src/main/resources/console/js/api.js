// The one way the pages talk to /console/api: JSON in and out, the CSRF token on every write, API errors
// ({"error","message"}) shown in the status area, and back to sign-in when the session is gone (401).
import { t, has } from "./i18n.js";

const BASE = "/console/api/";
let csrfToken = null;
let onSignedOut = () => {};

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code);
    this.status = status;
    this.code = code;
  }
}

export function setSession(token, signedOut) {
  csrfToken = token;
  if (signedOut) onSignedOut = signedOut;
}

/**
 * api("GET", "articles") → parsed JSON (null for 204).
 * Options: quiet (do not show the error in the status area; the caller shows it, e.g. next to a field).
 */
export async function api(method, path, body, { quiet = false } = {}) {
  const headers = { "Accept": "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && method !== "HEAD" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let response;
  try {
    response = await fetch(BASE + path, { method, headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    const err = new ApiError(0, "network", t("error.network"));
    if (!quiet) status(err.message, "error");
    throw err;
  }
  if (response.status === 401 && path !== "login") {
    status(t("error.unauthenticated"), "error");
    onSignedOut();
    throw new ApiError(401, "unauthenticated", t("error.unauthenticated"));
  }
  const type = response.headers.get("Content-Type") || "";
  const data = response.status === 204 ? null
    : type.includes("json") ? await response.json().catch(() => null) : await response.text();
  if (!response.ok) {
    const code = data && data.error ? data.error : "http_" + response.status;
    const known = has("error." + code) ? t("error." + code) : null;
    const message = known || (data && data.message) || t("error.http", response.status);
    const err = new ApiError(response.status, code, message);
    if (!quiet) status(message, "error");
    throw err;
  }
  return data;
}

let statusTimer = null;

/** A message in the visible status area (role=status): kind is "info", "ok" or "error". */
export function status(message, kind = "info") {
  const el = document.getElementById("status");
  if (!el) return;
  el.textContent = message;
  el.className = "status " + kind;
  el.hidden = !message;
  clearTimeout(statusTimer);
  if (kind !== "error" && message) statusTimer = setTimeout(() => { el.hidden = true; }, 6000);
}
