// 统计 Dashboard: messages per day, top intents, claims by status and street (ECharts from the webjar), the
// handoff rate and first-response times, questions the assistant could not answer, and CSV exports.
import { api } from "./api.js";
import { reference } from "./reference.js";
import { t, lang } from "./i18n.js";
import { h, fill, select, when } from "./dom.js";

const ECHARTS = "/webjars/echarts/5.3.1/dist/echarts.min.js";
let state = null;
let echartsLoading = null;

/** ECharts is big: loaded the first time the dashboard opens, from our own origin. */
function loadEcharts() {
  if (window.echarts) return Promise.resolve(window.echarts);
  if (!echartsLoading) {
    echartsLoading = new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = ECHARTS;
      s.onload = () => resolve(window.echarts);
      s.onerror = () => { echartsLoading = null; reject(new Error(t("dash.noCharts"))); };
      document.head.append(s);
    });
  }
  return echartsLoading;
}

function big(labelKey, value, id, subKey) {
  return h("div", { class: "big", id },
    h("span", { class: "big-value", text: value }), h("span", { class: "big-label", i18n: labelKey }),
    subKey ? h("span", { class: "hint", i18n: subKey }) : null);
}

function seconds(s) {
  if (s === null || s === undefined) return "—";
  if (s < 60) return Math.round(s) + (lang() === "zh" ? " 秒" : " s");
  return (s / 60).toFixed(1) + (lang() === "zh" ? " 分钟" : " min");
}

/** An intent as operators know it: in Chinese its topic's name from the replies file, in English the intent. */
function intentLabel(intent, labels) {
  const label = labels[intent];
  return label && lang() === "zh" ? label : intent;
}

function charts(stats, labels) {
  const base = { animation: false, textStyle: { fontSize: 14 }, grid: { left: 48, right: 16, top: 36, bottom: 40, containLabel: true },
    tooltip: { trigger: "axis", renderMode: "richText" } };
  const perDay = stats.messagesPerDay || [];
  const intents = (stats.topIntents || []).slice(0, 10);
  const byStatus = stats.claimsByStatus || [];
  const byStreet = stats.claimsByStreet || [];
  return {
    messages: { ...base, title: { text: t("dash.messages"), textStyle: { fontSize: 15 } },
      xAxis: { type: "category", data: perDay.map(d => d.day.slice(5)) }, yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "line", name: t("dash.messages"), data: perDay.map(d => d.count) }] },
    intents: { ...base, title: { text: t("dash.intents"), textStyle: { fontSize: 15 } },
      xAxis: { type: "value", minInterval: 1 }, yAxis: { type: "category", data: intents.map(i => intentLabel(i.intent, labels)).reverse() },
      series: [{ type: "bar", name: t("dash.intents"), data: intents.map(i => i.count).reverse() }] },
    status: { ...base, grid: undefined, tooltip: { trigger: "item", renderMode: "richText" },
      title: { text: t("dash.byStatus"), textStyle: { fontSize: 15 } },
      series: [{ type: "pie", radius: ["35%", "65%"], top: 24,
        data: byStatus.map(s => ({ name: t("claim.status." + s.status), value: s.count })) }] },
    street: { ...base, title: { text: t("dash.byStreet"), textStyle: { fontSize: 15 } },
      xAxis: { type: "category", data: byStreet.map(s => s.street), axisLabel: { interval: 0, rotate: 35 } },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", name: t("dash.byStreet"), data: byStreet.map(s => s.count) }] },
  };
}

async function load() {
  const stats = await api("GET", "stats?days=" + state.days.value);
  state.stats = stats;
  const handoff = stats.handoff || {};
  const first = stats.firstResponse || {};
  fill(state.bigs,
    big("dash.handoffRate", typeof handoff.rate === "number" ? (handoff.rate * 100).toFixed(1) + "%" : "—", "handoff-rate"),
    big("dash.handoffs", `${handoff.handoffs ?? 0} / ${handoff.turns ?? 0}`, "handoffs", "dash.handoffsHint"),
    big("dash.firstMedian", seconds(first.medianSeconds), "first-median", null),
    big("dash.firstP90", seconds(first.p90Seconds), "first-p90", null),
    big("dash.firstCount", String(first.count ?? 0), "first-count", null));
  fill(state.unanswered, (stats.unanswered || []).length ? stats.unanswered.map(u => h("tr", {},
    h("td", { text: u.text }), h("td", { class: "num", text: u.count }), h("td", { text: when(u.lastAt) }),
    h("td", {}, h("a", { href: "#/kb?q=" + encodeURIComponent(u.text), i18n: "dash.tryIt" }))))
    : h("tr", {}, h("td", { colspan: "4", class: "empty", i18n: "dash.noUnanswered" })));
  await drawCharts();
}

async function drawCharts() {
  if (!state || !state.stats) return;
  let echarts;
  try {
    echarts = await loadEcharts();
  } catch (e) {
    fill(state.chartsEl, h("p", { class: "error", text: e.message }));
    return;
  }
  const options = charts(state.stats, (await reference()).topicLabels || {});
  for (const [key, el] of Object.entries(state.chartEls)) {
    const chart = echarts.getInstanceByDom(el) || echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(options[key], true);
  }
}

function exportLinks(session) {
  const full = h("input", { type: "checkbox", id: "export-full" });
  const conv = h("a", { id: "export-conversations", href: "/console/api/export/conversations.csv", download: "conversations.csv", i18n: "dash.exportConversations" });
  const claims = h("a", { id: "export-claims", href: "/console/api/export/claims.csv", download: "claims.csv", i18n: "dash.exportClaims" });
  full.addEventListener("change", () => {
    const q = full.checked ? "?full=true" : "";
    conv.href = "/console/api/export/conversations.csv" + q;
    claims.href = "/console/api/export/claims.csv" + q;
  });
  return h("section", { class: "exports", "i18n-aria": "dash.exports" },
    h("h2", { i18n: "dash.exports" }), h("p", { class: "row" }, conv, claims,
      session.isAdmin ? h("label", { class: "check" }, full, h("span", { i18n: "dash.full" })) : null),
    h("p", { class: "hint", i18n: session.isAdmin ? "dash.fullHint" : "dash.maskedHint" }));
}

function resize() {
  if (!state || !window.echarts) return;
  Object.values(state.chartEls).forEach(el => window.echarts.getInstanceByDom(el)?.resize());
}

export default {
  id: "dashboard",
  titleKey: "nav.dashboard",
  async render(root, { session }) {
    state = {};
    state.days = select("days", [7, 14, 30, 90].map(n => ({ value: String(n), i18n: ["dash.days", n] })), { value: "14" });
    state.days.id = "dash-days";
    state.days.addEventListener("change", load);
    state.bigs = h("div", { class: "bigs", id: "dash-figures" });
    state.chartEls = {
      messages: h("div", { class: "chart", id: "chart-messages", role: "img", "i18n-aria": "dash.messages" }),
      intents: h("div", { class: "chart", id: "chart-intents", role: "img", "i18n-aria": "dash.intents" }),
      status: h("div", { class: "chart", id: "chart-status", role: "img", "i18n-aria": "dash.byStatus" }),
      street: h("div", { class: "chart", id: "chart-street", role: "img", "i18n-aria": "dash.byStreet" }),
    };
    state.chartsEl = h("div", { class: "charts" }, Object.values(state.chartEls));
    state.unanswered = h("tbody", {});
    fill(root,
      h("div", { class: "toolbar" }, h("label", { for: "dash-days", i18n: "dash.period" }), state.days),
      state.bigs, state.chartsEl,
      h("section", { "i18n-aria": "dash.unanswered" }, h("h2", { i18n: "dash.unanswered" }),
        h("table", { id: "unanswered" }, h("thead", {}, h("tr", {},
          ["dash.question", "dash.count", "dash.lastAt", "dash.action"].map(k => h("th", { scope: "col", i18n: k })))),
          state.unanswered)),
      exportLinks(session));
    window.addEventListener("resize", resize);
    await load();
  },
  relabel() { drawCharts(); },
  leave() {
    window.removeEventListener("resize", resize);
    if (state && window.echarts) Object.values(state.chartEls).forEach(el => window.echarts.getInstanceByDom(el)?.dispose());
    state = null;
  }
};
