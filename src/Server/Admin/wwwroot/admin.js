// DeepSQL admin page: plain JS, no build step. Everything it shows comes from the token-protected /api endpoints;
// the login cookie (HttpOnly, SameSite=Strict) is what authorizes these calls.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { models: [], selected: null, inspected: null, job: null, pollTimer: null };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

async function api(method, url, body, headers = {}) {
  const init = { method, headers: { ...headers }, credentials: "same-origin" };
  if (body instanceof FormData || body instanceof Blob) init.body = body;
  else if (body !== undefined) { init.body = JSON.stringify(body); init.headers["Content-Type"] = "application/json"; }
  const response = await fetch(url, init);
  const type = response.headers.get("Content-Type") || "";
  const data = type.includes("json") ? await response.json() : await response.text();
  if (response.status === 401 && url !== "/admin/login") showLogin();
  return { ok: response.ok, status: response.status, data };
}

function problemText(data) {
  if (!data || typeof data !== "object") return String(data || "request failed");
  const state = data.sqlstate ? ` (SQLSTATE ${data.sqlstate})` : "";
  return (data.detail || data.title || "request failed") + state;
}

const formatBytes = (n) => n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(1)} MB`;
const formatDate = (s) => new Date(s).toLocaleString();
const shape = (dims) => "[" + dims.map((d) => (d < 0 ? "?" : d)).join(", ") + "]";

// ---- login and tabs ----

function showLogin() {
  $("login").hidden = false;
  $("nav").hidden = true;
  document.querySelectorAll(".tab").forEach((t) => (t.hidden = true));
}

async function showApp() {
  $("login").hidden = true;
  $("nav").hidden = false;
  await loadModels();
  showTab(location.hash.slice(1) || "models");
}

function showTab(name) {
  if (!$("tab-" + name)) name = "models";
  document.querySelectorAll(".tab").forEach((t) => (t.hidden = t.id !== "tab-" + name));
  document.querySelectorAll("nav a[data-tab]").forEach((a) => a.classList.toggle("active", a.dataset.tab === name));
}

$("login-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  $("login-error").textContent = "";
  const r = await api("POST", "/admin/login", { token: $("login-token").value });
  if (!r.ok) { $("login-error").textContent = "Wrong token."; return; }
  $("login-token").value = "";
  await showApp();
});

$("logout-button").addEventListener("click", async () => { await api("POST", "/admin/logout"); showLogin(); });
window.addEventListener("hashchange", () => showTab(location.hash.slice(1)));

// ---- models ----

async function loadModels() {
  const r = await api("GET", "/api/models");
  if (!r.ok) return;
  state.models = r.data;
  const body = $("models-table").tBodies[0];
  body.replaceChildren();
  for (const m of state.models) {
    const stats = m.stats ? `${m.stats.calls} / ${m.stats.rows}` : "–";
    const aliases = Object.entries(m.aliases || {}).map(([a, v]) => `${a}→${v}`).join(", ");
    const row = el("tr", { class: "selectable", "data-name": m.name, onclick: () => selectModel(m.name) },
      el("td", { class: "mono", text: m.name }), el("td", { text: m.task }), el("td", { text: `v${m.currentVersion} of ${m.versions}` }),
      el("td", { text: aliases }), el("td", { text: m.input }), el("td", { text: m.output }), el("td", { text: formatBytes(m.sizeBytes) }),
      el("td", { class: "mono", title: m.sha256, text: m.sha256.slice(0, 12) }), el("td", { text: formatDate(m.createdAt) }),
      el("td", { text: stats }), el("td", { class: "error", text: (m.stats && m.stats.lastError) || "" }));
    if (m.name === state.selected) row.classList.add("selected");
    body.append(row);
  }
  $("models-empty").hidden = state.models.length > 0;
  fillModelSelects();
  if (state.selected) await selectModel(state.selected, true);
}

async function selectModel(name, quiet) {
  const r = await api("GET", "/api/models/" + encodeURIComponent(name));
  if (!r.ok) { state.selected = null; $("model-detail").hidden = true; return; }
  state.selected = name;
  document.querySelectorAll("#models-table tbody tr").forEach((tr) => tr.classList.toggle("selected", tr.dataset.name === name));
  const m = r.data;
  $("model-detail").hidden = false;
  $("detail-name").textContent = `${m.name} (${m.task}, current v${m.currentVersion})`;
  $("detail-description").textContent = m.manifest.description || "";
  $("detail-manifest").textContent = JSON.stringify({ manifest: m.manifest, lineage: m.lineage, stats: m.stats }, null, 2);
  if (!quiet) $("detail-error").textContent = "";
  const body = $("versions-table").tBodies[0];
  body.replaceChildren();
  for (const v of [...m.versions].reverse()) {
    const current = v.version === m.currentVersion;
    const actions = el("td", {},
      current ? el("strong", { text: "current" }) : el("button", { type: "button", class: "small", text: "Make current", onclick: () => makeCurrent(m.name, v.version) }),
      " ",
      el("a", { href: `/api/models/${encodeURIComponent(m.name)}/file?version=${v.version}`, text: "download" }),
      " ",
      el("button", { type: "button", class: "small danger", text: "Delete", onclick: () => deleteVersion(m.name, v.version) }));
    body.append(el("tr", { "data-version": String(v.version) }, el("td", { text: "v" + v.version }), el("td", { text: formatDate(v.createdAt) }),
      el("td", { text: formatBytes(v.sizeBytes) }), el("td", { class: "mono", text: v.sha256.slice(0, 16) }), actions));
  }
}

async function makeCurrent(name, version) {
  const r = await api("PUT", `/api/models/${encodeURIComponent(name)}/aliases/current`, { version });
  $("detail-error").textContent = r.ok ? "" : problemText(r.data);
  await loadModels();
}

async function deleteVersion(name, version) {
  if (!confirm(`Delete ${name} version ${version}?`)) return;
  const r = await api("DELETE", `/api/models/${encodeURIComponent(name)}/versions/${version}`);
  $("detail-error").textContent = r.ok ? "" : problemText(r.data);
  await loadModels();
}

$("detail-delete").addEventListener("click", async () => {
  const name = state.selected;
  if (!name || !confirm(`Delete ${name} with all its versions?`)) return;
  const r = await api("DELETE", "/api/models/" + encodeURIComponent(name));
  if (r.ok) { state.selected = null; $("model-detail").hidden = true; } else $("detail-error").textContent = problemText(r.data);
  await loadModels();
});

$("models-refresh").addEventListener("click", loadModels);

function fillModelSelects() {
  const tryModel = $("try-model"), backbone = $("train-backbone");
  const keepTry = tryModel.value, keepBackbone = backbone.value;
  tryModel.replaceChildren(...state.models.map((m) => el("option", { value: m.name, text: `${m.name} (${m.task})` })));
  backbone.replaceChildren(...state.models.filter((m) => m.task === "featurize").map((m) => el("option", { value: m.name, text: m.name })));
  if ([...tryModel.options].some((o) => o.value === keepTry)) tryModel.value = keepTry;
  if ([...backbone.options].some((o) => o.value === keepBackbone)) backbone.value = keepBackbone;
  updateTryInput();
}

// ---- register ----

function clearFieldErrors(form) {
  form.querySelectorAll(".field-error").forEach((s) => (s.textContent = ""));
}

function showFieldErrors(form, errors, fallback) {
  const rest = [];
  for (const [field, messages] of Object.entries(errors || {})) {
    const slot = form.querySelector(`.field-error[data-field="${CSS.escape(field)}"]`);
    if (slot) slot.textContent = messages.join(" ");
    else rest.push(`${field}: ${messages.join(" ")}`);
  }
  fallback.textContent = rest.join("\n");
}

function updateRegisterKind() {
  const task = $("register-task").value;
  document.querySelectorAll(".image-only").forEach((n) => (n.hidden = task === "embed_text"));
  document.querySelectorAll(".text-only").forEach((n) => (n.hidden = task !== "embed_text"));
  document.querySelectorAll(".classify-only").forEach((n) => (n.hidden = task !== "classify"));
  document.querySelectorAll(".vector-only").forEach((n) => (n.hidden = task === "classify"));
}

$("register-task").addEventListener("change", updateRegisterKind);

$("register-file").addEventListener("change", async () => {
  const file = $("register-file").files[0];
  const form = $("register-form");
  clearFieldErrors(form);
  $("inspect-result").hidden = true;
  state.inspected = null;
  if (!file) return;
  const data = new FormData();
  data.append("model", file, file.name);
  $("register-status").textContent = "Reading the graph…";
  const r = await api("POST", "/api/models/inspect", data);
  $("register-status").textContent = "";
  if (!r.ok) { form.querySelector('[data-field="model"]').textContent = problemText(r.data); return; }
  state.inspected = r.data;
  const fill = (table, tensors) => table.tBodies[0].replaceChildren(...tensors.map((t) =>
    el("tr", {}, el("td", { class: "mono", text: t.name }), el("td", { text: t.elementType }), el("td", { class: "mono", text: shape(t.shape) }))));
  fill($("inspect-inputs"), r.data.inputs);
  fill($("inspect-outputs"), r.data.outputs);
  $("inspect-result").hidden = false;
  $("register-input-tensor").replaceChildren(...r.data.inputs.map((t) => el("option", { value: t.name, text: t.name })));
  $("register-output-tensor").replaceChildren(...r.data.outputs.map((t) => el("option", { value: t.name, text: t.name })));
  if (!$("register-name").value) $("register-name").value = file.name.replace(/\.onnx$/i, "").toLowerCase().replace(/[^a-z0-9_]/g, "_");
  guessImageContract(r.data.inputs[0]);
});

// fills width/height/layout/channels from a rank-4 float input: [N,3,H,W] → NCHW, [N,H,W,3] → NHWC
function guessImageContract(input) {
  if (!input || input.shape.length !== 4) return;
  const [, a, b, c] = input.shape;
  if (a === 1 || a === 3) { $("register-layout").value = "NCHW"; setSize(b, c); if (a === 1) $("register-channels").value = "GRAY"; }
  else if (c === 1 || c === 3) { $("register-layout").value = "NHWC"; setSize(a, b); if (c === 1) $("register-channels").value = "GRAY"; }
}

function setSize(h, w) {
  if (h > 0) $("register-height").value = h;
  if (w > 0) $("register-width").value = w;
}

$("register-labels-file").addEventListener("change", async () => {
  const file = $("register-labels-file").files[0];
  if (file) $("register-labels").value = (await file.text()).trim();
});

function numbers(text) {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  return parts.length ? parts.map(Number) : null;
}

function buildManifest() {
  const task = $("register-task").value;
  const manifest = { name: $("register-name").value.trim(), task, input: { tensor: $("register-input-tensor").value }, output: { tensor: $("register-output-tensor").value } };
  const description = $("register-description").value.trim();
  if (description) manifest.description = description;
  if (task === "embed_text") {
    Object.assign(manifest.input, { kind: "text", tokenizer: $("register-tokenizer").value, max_tokens: Number($("register-max-tokens").value) });
    manifest.output.pooling = $("register-pooling").value;
  } else {
    Object.assign(manifest.input, {
      kind: "image", width: Number($("register-width").value), height: Number($("register-height").value), resize: $("register-resize").value,
      channels: $("register-channels").value, layout: $("register-layout").value, scale: Number($("register-scale").value),
    });
    const mean = $("register-mean").value.trim();
    if (mean) manifest.input.mean = /^[A-Za-z_]/.test(mean) ? mean : numbers(mean);
    const std = numbers($("register-std").value);
    if (std) manifest.input.std = std;
  }
  if (task === "classify") {
    manifest.output.activation = $("register-activation").value;
    manifest.labels = $("register-labels").value.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  } else {
    manifest.output.normalize = $("register-normalize").checked;
  }
  return manifest;
}

$("register-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = $("register-form");
  clearFieldErrors(form);
  $("register-error").textContent = "";
  $("register-status").textContent = "Saving…";
  const file = $("register-file").files[0];
  const data = new FormData();
  data.append("model", file, file.name);
  data.append("manifest", new Blob([JSON.stringify(buildManifest())], { type: "application/json" }), "manifest.json");
  const vocab = $("register-vocab").files[0];
  if (vocab && $("register-task").value === "embed_text") data.append("vocab", vocab, "vocab.txt");
  const r = await api("POST", "/api/models", data);
  if (r.ok) {
    $("register-status").textContent = `Registered ${r.data.name} version ${r.data.version}.`;
    state.selected = r.data.name;
    await loadModels();
  } else {
    $("register-status").textContent = "";
    if (r.data && r.data.errors) showFieldErrors(form, r.data.errors, $("register-error"));
    else $("register-error").textContent = problemText(r.data);
  }
});

// ---- train ----

const optionalNumber = (id) => ($(id).value === "" ? undefined : Number($(id).value));

$("train-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = $("train-form");
  clearFieldErrors(form);
  const request = {
    name: $("train-name").value.trim(), query: $("train-query").value, backbone: $("train-backbone").value || "featurize",
    epochs: optionalNumber("train-epochs"), l2: optionalNumber("train-l2"), validation: optionalNumber("train-validation"),
    seed: optionalNumber("train-seed"), replace: $("train-replace").checked,
  };
  const r = await api("POST", "/api/models/train", request);
  if (!r.ok) {
    $("train-job").hidden = false;
    $("train-status").textContent = problemText(r.data);
    if (r.data && r.data.errors) showFieldErrors(form, r.data.errors, $("train-progress"));
    return;
  }
  showJob(r.data);
  pollJob(r.data.id);
});

function showJob(job) {
  state.job = job;
  $("train-job").hidden = false;
  $("train-job-id").textContent = job.id;
  $("train-status").textContent = job.status + (job.error ? ": " + job.error : "");
  $("train-progress").textContent = job.progress.join("\n");
  $("train-cancel").hidden = job.status !== "Running";
  const dl = $("train-accuracy");
  dl.replaceChildren();
  if (job.report) {
    const rep = job.report;
    const add = (k, v) => dl.append(el("dt", { text: k }), el("dd", { text: v }));
    add("Train accuracy", rep.trainAccuracy.toFixed(3));
    add("Validation accuracy", rep.validationAccuracy == null ? "–" : rep.validationAccuracy.toFixed(3));
    add("Classes", rep.classes.join(", "));
    add("Rows", `${rep.rowsUsed} used, ${rep.rowsSkipped} skipped`);
    add("Published", `${rep.model} v${rep.version}`);
  }
}

function pollJob(id) {
  clearTimeout(state.pollTimer);
  state.pollTimer = setTimeout(async () => {
    const r = await api("GET", "/api/jobs/" + encodeURIComponent(id));
    if (!r.ok) return;
    showJob(r.data);
    if (r.data.status === "Running") pollJob(id);
    else await loadModels();
  }, 1000);
}

$("train-cancel").addEventListener("click", async () => {
  if (state.job) await api("DELETE", "/api/jobs/" + encodeURIComponent(state.job.id));
});

// ---- try it ----

function selectedModel() {
  return state.models.find((m) => m.name === $("try-model").value);
}

function updateTryInput() {
  const m = selectedModel();
  const text = m && m.task === "embed_text";
  $("try-image-input").hidden = !!text;
  $("try-text-input").hidden = !text;
}

$("try-model").addEventListener("change", () => { updateTryInput(); $("try-result").hidden = true; });

async function predict(body, contentType) {
  const m = selectedModel();
  $("try-error").textContent = "";
  if (!m) { $("try-error").textContent = "Register a model first."; return; }
  const r = await api("POST", "/api/predict/" + encodeURIComponent(m.name), body, { "Content-Type": contentType });
  if (!r.ok) { $("try-error").textContent = problemText(r.data); return; }
  const result = r.data.results[0];
  $("try-result").hidden = false;
  $("try-latency").textContent = r.data.latencyMs.toFixed(1);
  $("try-top").replaceChildren();
  $("try-vector").hidden = true;
  if (result.error) { $("try-error").textContent = result.error; return; }
  if (result.top) {
    for (const t of result.top) {
      $("try-top").append(el("li", { class: "top-label" }, el("span", { class: "label", text: t.label }),
        el("div", { class: "bar", style: `width:${Math.max(1, t.score * 100)}%` }), el("span", { class: "score", text: t.score.toFixed(3) })));
    }
  } else if (result.vector) {
    drawVector(result.vector);
  }
}

// the vector as bars around a zero line, one per dimension
function drawVector(vector) {
  const svg = $("try-vector");
  const ns = "http://www.w3.org/2000/svg", width = 600, height = 120;
  const max = Math.max(1e-9, ...vector.map(Math.abs));
  const w = width / vector.length;
  svg.replaceChildren();
  vector.forEach((v, i) => {
    const h = (Math.abs(v) / max) * (height / 2);
    const rect = document.createElementNS(ns, "rect");
    rect.setAttribute("x", String(i * w));
    rect.setAttribute("y", String(v >= 0 ? height / 2 - h : height / 2));
    rect.setAttribute("width", String(Math.max(0.5, w - 0.5)));
    rect.setAttribute("height", String(Math.max(0.5, h)));
    rect.setAttribute("fill", v >= 0 ? "#2f5bd3" : "#b3261e");
    svg.append(rect);
  });
  svg.setAttribute("data-length", String(vector.length));
  svg.hidden = false;
}

async function tryFile(file) {
  if (!file) return;
  const preview = $("try-preview");
  preview.src = URL.createObjectURL(file);
  preview.hidden = false;
  await predict(file, file.type || "application/octet-stream");
}

$("try-file").addEventListener("change", () => tryFile($("try-file").files[0]));
$("try-drop").addEventListener("dragover", (e) => { e.preventDefault(); $("try-drop").classList.add("over"); });
$("try-drop").addEventListener("dragleave", () => $("try-drop").classList.remove("over"));
$("try-drop").addEventListener("drop", (e) => { e.preventDefault(); $("try-drop").classList.remove("over"); tryFile(e.dataTransfer.files[0]); });
$("try-text-run").addEventListener("click", () => { $("try-preview").hidden = true; predict($("try-text").value, "text/plain"); });

// ---- SQL ----

const IMAGE_SIGNATURES = { "iVBORw0KGgo": "image/png", "/9j/": "image/jpeg", "R0lGOD": "image/gif", "UklGR": "image/webp", "Qk": "image/bmp" };

function blobCell(base64) {
  const type = Object.entries(IMAGE_SIGNATURES).find(([sig]) => base64.startsWith(sig));
  if (type) return el("img", { class: "thumb", src: `data:${type[1]};base64,${base64}`, alt: "image" });
  return el("span", { class: "muted", text: `${Math.floor((base64.length * 3) / 4)} bytes` });
}

function cell(value, type) {
  if (value === null) return el("td", { class: "null", text: "NULL" });
  if (type === "BLOB" && typeof value === "string") return el("td", {}, blobCell(value));
  if (typeof value === "object") return el("td", { class: "mono", text: JSON.stringify(value) });
  return el("td", { text: String(value) });
}

async function runSql() {
  $("sql-error").textContent = "";
  $("sql-status").textContent = "Running…";
  const started = performance.now();
  const r = await api("POST", "/api/query", { sql: $("sql-text").value, limit: 500 });
  const table = $("sql-result");
  table.tHead.replaceChildren();
  table.tBodies[0].replaceChildren();
  if (!r.ok) { $("sql-status").textContent = ""; $("sql-error").textContent = problemText(r.data); return; }
  const { columns, rows } = r.data;
  table.tHead.append(el("tr", {}, ...columns.map((c) => el("th", { title: c.type, text: c.name }))));
  for (const row of rows) table.tBodies[0].append(el("tr", {}, ...row.map((v, i) => cell(v, columns[i].type))));
  const elapsed = (performance.now() - started).toFixed(0);
  const more = r.data.truncated ? " (more rows not shown)" : "";
  $("sql-status").textContent = columns.length ? `${r.data.rowCount} rows in ${elapsed} ms${more}` : `${r.data.statement} done in ${elapsed} ms`;
  if (r.data.error) $("sql-error").textContent = `${r.data.error.message} (SQLSTATE ${r.data.error.sqlstate})`;
  if (r.data.notices) $("sql-status").textContent += " · " + r.data.notices.join(" · ");
}

$("sql-run").addEventListener("click", runSql);
$("sql-text").addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); runSql(); } });

// ---- start ----

updateRegisterKind();
api("GET", "/admin/session").then((r) => (r.ok && r.data.admin ? showApp() : showLogin()));
