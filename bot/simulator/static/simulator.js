// Vigie's WhatsApp simulator page. Plain JavaScript, no build step, no external asset.
// What the user does is POSTed to /simulator/api/send (the backend signs it as a Meta webhook);
// everything shown arrives on the event stream /simulator/api/events: the user's own messages,
// the bot's Send API bodies (relayed by the Graph API stand-in) and one panel per turn.
"use strict";

// WhatsApp's display limits (WHATSAPP.md): longer texts are cut as the app cuts them.
const LIMITS = { buttonTitle: 20, rowTitle: 24, rowDescription: 72, listButton: 20 };
// Where "share location" puts the simulated user: the sample town hall of Villeclaire.
const SAMPLE_LOCATION = {
  latitude: 45.7640, longitude: 4.8357, name: "Villeclaire town hall", address: "1 place de la Mairie",
};
const LANGUAGE_PHRASES = { en: "en français", fr: "in English please" };

// Icons drawn here (no emoji font is needed, nothing is fetched): 24x24 SVG paths.
const ICONS = {
  document: "M6 2h8l5 5v15H6z M14 2v5h5",
  image: "M3 5h18v14H3z M3 16l5-5 4 4 3-3 6 6",
  video: "M3 6h13v12H3z M16 10l5-3v10l-5-3",
  audio: "M9 18V5l10-2v13 M9 18a3 3 0 1 1-3-3 3 3 0 0 1 3 3z M19 16a3 3 0 1 1-3-3 3 3 0 0 1 3 3z",
  sticker: "M12 3a9 9 0 1 0 9 9 M8 14s1.5 2 4 2 4-2 4-2",
  location: "M12 22s7-7.5 7-13a7 7 0 0 0-14 0c0 5.5 7 13 7 13z M12 11.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z",
  link: "M14 4h6v6 M20 4l-9 9 M18 14v6H4V6h6",
};

function icon(name) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", "icon");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", ICONS[name] || ICONS.document);
  svg.append(path);
  return svg;
}

const state = { user: null, stream: null, language: null, listChoice: null };
const $ = (id) => document.getElementById(id);

function newUserId() {
  // A French mobile number: 336 then 8 random digits.
  let digits = "336";
  for (let i = 0; i < 8; i += 1) digits += Math.floor(Math.random() * 10);
  return digits;
}

function cut(text, limit) {
  const value = String(text ?? "");
  return value.length > limit ? value.slice(0, limit - 1) + "…" : value;
}

function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
  }[c]));
}

// WhatsApp's formatting: *bold*, _italic_, ~strikethrough~, ```monospace```.
function formatted(text) {
  return escapeHtml(text)
    .replace(/```([\s\S]+?)```/g, "<code>$1</code>")
    .replace(/(^|[\s(])\*(\S(?:[^*\n]*\S)?)\*(?=$|[\s.,!?;:)])/g, "$1<b>$2</b>")
    .replace(/(^|[\s(])_(\S(?:[^_\n]*\S)?)_(?=$|[\s.,!?;:)])/g, "$1<i>$2</i>")
    .replace(/(^|[\s(])~(\S(?:[^~\n]*\S)?)~(?=$|[\s.,!?;:)])/g, "$1<s>$2</s>");
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function now() {
  return new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

// ------------------------------------------------------------------ sending
async function send(action) {
  const answer = await fetch("/simulator/api/send", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ user: state.user, name: "Camille", action }),
  });
  if (!answer.ok) {
    const problem = await answer.json().catch(() => ({}));
    setStatus(`not sent: ${problem.error || answer.status}`, true);
  }
}

function sendText(text) {
  const value = text.trim();
  if (value) send({ type: "text", text: value });
}

// ------------------------------------------------------------------ the chat
function addMessage(side, bubble, extra) {
  const wrapper = element("div", `msg ${side}`);
  wrapper.append(bubble);
  if (extra) wrapper.append(extra);
  $("chat").append(wrapper);
  $("chat").scrollTop = $("chat").scrollHeight;
  return wrapper;
}

function bubbleWith(html, headerText, footerText) {
  const bubble = element("div", "bubble");
  if (headerText) bubble.append(element("div", "header", headerText));
  const body = element("div", "text");
  body.innerHTML = html;
  bubble.append(body);
  if (footerText) bubble.append(element("div", "footer", footerText));
  bubble.append(element("div", "meta", now()));
  return bubble;
}

function showUserAction(action) {
  let text = action.text;
  if (action.type === "button_reply" || action.type === "list_reply") text = action.title;
  if (action.type === "location") text = `Location: ${action.name || "shared"}`;
  addMessage("user", bubbleWith(escapeHtml(text)));
}

function replyButtons(buttons, wamid) {
  const actions = element("div", "actions");
  for (const button of buttons) {
    const reply = button.reply || {};
    const tap = element("button", "reply-button", cut(reply.title, LIMITS.buttonTitle));
    tap.type = "button";
    tap.dataset.id = reply.id;
    tap.addEventListener("click", () => send({
      type: "button_reply", id: reply.id, title: reply.title, context: wamid,
    }));
    actions.append(tap);
  }
  return actions;
}

function listButton(action, wamid) {
  const actions = element("div", "actions");
  const open = element("button", "list-open", `☰ ${cut(action.button, LIMITS.listButton)}`);
  open.type = "button";
  open.addEventListener("click", () => openList(action, wamid));
  actions.append(open);
  return actions;
}

function openList(action, wamid) {
  const rows = $("list-rows");
  rows.replaceChildren();
  state.listChoice = null;
  $("list-title").textContent = cut(action.button, LIMITS.listButton);
  $("list-send").disabled = true;
  for (const section of action.sections || []) {
    if (section.title) rows.append(element("div", "section-title", section.title));
    for (const row of section.rows || []) {
      const item = element("button", "list-row");
      item.type = "button";
      item.dataset.id = row.id;
      const texts = element("span", "texts");
      texts.append(element("span", "row-title", cut(row.title, LIMITS.rowTitle)));
      if (row.description) {
        texts.append(element("span", "row-description", cut(row.description, LIMITS.rowDescription)));
      }
      item.append(texts, element("span", "radio"));
      item.addEventListener("click", () => {
        for (const other of rows.querySelectorAll(".list-row")) other.classList.remove("selected");
        item.classList.add("selected");
        state.listChoice = { type: "list_reply", id: row.id, title: row.title, context: wamid };
        if (row.description) state.listChoice.description = row.description;
        $("list-send").disabled = false;
      });
      rows.append(item);
    }
  }
  $("list-sheet").hidden = false;
}

function closeList() {
  $("list-sheet").hidden = true;
  state.listChoice = null;
}

function mediaCard(kind, title, detail, link) {
  const card = element("div", "card");
  card.append(icon(kind));
  const texts = element("div");
  texts.append(element("div", "title", title));
  if (detail) texts.append(element("div", "detail", detail));
  if (link) {
    const anchor = element("a", "detail", link);
    anchor.href = link;
    anchor.target = "_blank";
    anchor.rel = "noopener noreferrer";
    texts.append(anchor);
  }
  card.append(texts);
  return card;
}

// One Send API body, drawn as the WhatsApp app draws it.
function showBotBody(body, wamid, errors) {
  let bubble;
  let extra = null;
  const type = body.type;
  if (type === "text") {
    bubble = bubbleWith(formatted(body.text?.body));
  } else if (type === "interactive") {
    const interactive = body.interactive || {};
    const action = interactive.action || {};
    bubble = bubbleWith(
      formatted(interactive.body?.text), interactive.header?.text, interactive.footer?.text,
    );
    if (interactive.type === "button") extra = replyButtons(action.buttons || [], wamid);
    else if (interactive.type === "list") extra = listButton(action, wamid);
    else if (interactive.type === "location_request_message") {
      extra = element("div", "actions");
      const share = element("button", "location-send", " Send location");
      share.prepend(icon("location"));
      share.type = "button";
      share.addEventListener("click", () => send({ type: "location", ...SAMPLE_LOCATION }));
      extra.append(share);
    } else if (interactive.type === "cta_url") {
      extra = element("div", "actions");
      const link = element("a", "link-button", ` ${action.parameters?.display_text || "Open"}`);
      link.prepend(icon("link"));
      link.href = action.parameters?.url || "#";
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      extra.append(link);
    }
  } else if (type === "template") {
    const template = body.template || {};
    bubble = bubbleWith("");
    bubble.prepend(element("span", "template-tag", "template"));
    bubble.querySelector(".text").textContent =
      `${template.name} (${template.language?.code || "?"})`;
  } else if (["document", "image", "video", "audio", "sticker"].includes(type)) {
    const media = body[type] || {};
    bubble = bubbleWith(formatted(media.caption || ""));
    bubble.prepend(mediaCard(type, media.filename || type, media.id ? `media ${media.id}` : "", media.link));
  } else if (type === "location") {
    const place = body.location || {};
    bubble = bubbleWith("");
    bubble.prepend(mediaCard("location", place.name || "Location", place.address, null));
  } else {
    bubble = bubbleWith(escapeHtml(`(${type} message)`));
  }
  const shown = addMessage("bot", bubble, extra);
  shown.dataset.wamid = wamid || "";
  if (errors && errors.length) {
    shown.classList.add("rejected");
    shown.append(element("div", "rejection", `WhatsApp rejects this message: ${errors[0]}`));
  }
}

// ------------------------------------------------------------------ the panel
function turnCard(messageId, action) {
  const card = element("li", "turn pending");
  card.dataset.messageId = messageId;
  const said = action.type === "text" ? action.text : `[${action.type}] ${action.title || action.name || ""}`;
  card.append(element("div", "said", "…"));
  card.dataset.said = said;
  if (action.type !== "text") card.dataset.tapped = action.title || action.name || action.type;
  card.append(element("dl"));
  $("turns").append(card);
  return card;
}

function addRow(list, term, content) {
  list.append(element("dt", null, term));
  const detail = element("dd");
  if (content instanceof Node) detail.append(content);
  else detail.textContent = content;
  list.append(detail);
}

function chips(values, className) {
  const span = element("span");
  if (!values.length) span.textContent = "none";
  for (const value of values) span.append(element("span", `chip ${className}`, value));
  return span;
}

function showPanel(panel) {
  let card = document.querySelector(`.turn[data-message-id="${CSS.escape(panel.message_id)}"]`);
  if (!card) card = turnCard(panel.message_id, { type: "text", text: "" });
  card.classList.remove("pending");
  const list = card.querySelector("dl");
  list.replaceChildren();
  const said = card.querySelector(".said");
  if (panel.kind === "turn") {
    // The text as the tracker store keeps it: sensitive numbers are placeholders there.
    said.textContent = panel.stored_text;
    if (card.dataset.tapped) addRow(list, "tapped", card.dataset.tapped);
    addRow(list, "intent", `${panel.intent ?? "?"} (${panel.confidence ?? "?"})`);
    addRow(list, "guard findings", chips(panel.findings, "guard"));
    const guardActions = panel.guard_actions.map((a) => `${a.name} (${a.policy || "?"})`);
    addRow(list, "guard action", chips(guardActions, "guard"));
    addRow(list, "actions", panel.actions.join(", ") || "none");
    const blocks = panel.blocked.map((kinds) => `blocked: ${kinds.join(", ")}`);
    addRow(list, "output guard", blocks.length ? chips(blocks, "block") : "nothing blocked");
    addRow(list, "language", panel.language || "?");
    if (panel.language) state.language = panel.language;
  } else if (panel.kind === "erasure") {
    card.classList.add("erasure");
    said.textContent = "Opt-out: conversation erased";
    const counts = Object.entries(panel.erased).map(([store, count]) => `${store}: ${count}`);
    addRow(list, "erasure receipt", chips(counts, "erased"));
  } else {
    said.textContent = card.dataset.said;
    addRow(list, "turn", element("span", "problem", "no turn recorded (timed out)"));
  }
}

function showRejection(item) {
  const card = document.querySelector(".turn:last-child");
  if (!card) return;
  addRow(card.querySelector("dl"), "rejected send", element("span", "problem", item.errors[0]));
}

// ------------------------------------------------------------------ the stream
function setStatus(text, problem) {
  $("status").textContent = text;
  $("status").classList.toggle("problem", Boolean(problem));
}

function connect() {
  if (state.stream) state.stream.close();
  const stream = new EventSource(`/simulator/api/events?user=${encodeURIComponent(state.user)}`);
  state.stream = stream;
  stream.addEventListener("open", () => setStatus("online"));
  stream.addEventListener("error", () => setStatus("reconnecting…", true));
  stream.addEventListener("user", (event) => {
    const item = JSON.parse(event.data);
    showUserAction(item.action);
    turnCard(item.message_id, item.action);
  });
  stream.addEventListener("bot", (event) => {
    const item = JSON.parse(event.data);
    showBotBody(item.body, item.wamid, item.errors);
    if (item.errors.length) showRejection(item);
  });
  stream.addEventListener("panel", (event) => showPanel(JSON.parse(event.data)));
  stream.addEventListener("failure", (event) => {
    const item = JSON.parse(event.data);
    setStatus(`the webhook answered ${item.status}`, true);
  });
}

function startUser(user) {
  state.user = user;
  state.language = null;
  localStorage.setItem("vigie-simulator-user", user);
  $("user-id").textContent = `+${user}`;
  $("chat").replaceChildren();
  $("turns").replaceChildren();
  closeList();
  connect();
}

async function checkStatus() {
  const answer = await fetch("/simulator/api/status").then((r) => r.json()).catch(() => null);
  if (!answer) setStatus("the bot is not answering", true);
  else if (answer.problem) setStatus(answer.problem, true);
  else if (!answer.bot_ready) setStatus("loading the model…");
}

document.addEventListener("DOMContentLoaded", () => {
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    sendText($("composer-input").value);
    $("composer-input").value = "";
  });
  $("list-close").addEventListener("click", closeList);
  $("list-send").addEventListener("click", () => {
    if (state.listChoice) send(state.listChoice);
    closeList();
  });
  $("new-user").addEventListener("click", () => startUser(newUserId()));
  $("switch-language").addEventListener("click", () => {
    sendText(LANGUAGE_PHRASES[state.language] || LANGUAGE_PHRASES.en);
  });
  startUser(localStorage.getItem("vigie-simulator-user") || newUserId());
  checkStatus();
});
