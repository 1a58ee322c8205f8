/* sbp-lint serve: the page's behaviour. Hand-written, no build step, no libraries.
   Document text is only ever put into the page as text (textContent), never as markup.
   Offsets from the server are UTF-16 code units, what String.prototype.slice counts. */
"use strict";

(() => {
  // Every interface string, by language. A key missing (null) in a language falls back to English.
  const STRINGS = {
    en: {
      pageTitle: "sbp-lint: check a draft",
      skip: "Skip to findings",
      title: "Check a draft",
      tagline: "Strengths-based, plain-language writing for care and support records.",
      languageLabel: "Language",
      privacy: "Everything stays on this computer: nothing is stored or sent anywhere.",
      textHeading: "Your text",
      openLabel: "Open a document",
      openHint: "Word (.docx), OpenDocument (.odt), Markdown (.md), text (.txt) or web page (.html).",
      textLabel: "Paste or type your draft",
      textHint: "Then press Check. Headings such as “## Personal outcomes” help the checks find outcomes.",
      placeholder: "Paste your draft here…",
      check: "Check",
      checking: "Checking…",
      downloadText: "Download corrected text",
      downloadDocx: "Download reviewed Word document",
      docxHint: "Your original Word file with a comment on each finding. Changes made on this page are not in it.",
      legendHeading: "Key to the highlights",
      profileHeading: "Good practice in this draft",
      findingsHeading: "Findings",
      notChecked: "Press Check to see findings.",
      findingsNone: "No findings: nothing to change.",
      findingsOne: "1 finding",
      findingsCount: "{n} findings",
      stale: "The text has changed since the last check: press Check again.",
      staleAccept: "The text has changed since the check: press Check first.",
      emptyText: "There is no text to check yet: paste a draft or open a document.",
      sentence: "Sentence:",
      elsewhere: "The document as a whole",
      severity_error: "Error",
      severity_warning: "Warning",
      severity_suggestion: "Suggestion",
      why: "Why it matters:",
      try: "Try:",
      rewriteLabel: "The sentence rewritten:",
      placeholdersNote: "Fill in the parts in [square brackets]: only you know them.",
      unsafeNote: "Read it through: check it still says what happened.",
      acceptRewrite: "Accept rewrite",
      acceptFix: "Replace “{from}” with “{to}”",
      show: "Show in text",
      accepted: "Changed. Checking again…",
      fillIn: "Fill in {placeholder} in the text.",
      atCaret: "At the cursor: {category}. {message}",
      opened: "Opened {name}.",
      opening: "Opening {name}…",
      downloadedText: "Corrected text downloaded.",
      preparingDocx: "Preparing the reviewed Word document…",
      reviewedReady: "Reviewed Word document downloaded: {n} comments.",
      errorNetwork: "The page cannot reach sbp-lint: is 'sbp-lint serve' still running?",
      errorPrefix: "Not checked: {error}",
      kindLabel: "Type of document: {kind}",
      profile_words: "Words",
      profile_strengths: "Strengths described",
      profile_own_words: "The person's own words quoted",
      profile_outcomes: "Personal outcomes",
      profile_outcomes_first_person: "… in the person's own voice",
      profile_decisions: "Decisions recorded",
      profile_decisions_explained: "… with the reason given",
      kind_care_and_support_plan: "Care and support plan",
      kind_signs_of_safety: "Signs of Safety",
      kind_assessment: "Assessment",
      kind_case_note: "Case note",
      kind_review: "Review",
      kind_letter: "Letter",
      kind_unknown: "Not recognised",
      cat_deficit: "Deficit language",
      cat_control: "Controlling wording",
      cat_label: "Label",
      cat_jargon: "Jargon",
      cat_passive: "Hidden actor (passive)",
      cat_service_as_outcome: "Service as an outcome",
      cat_missing_first_person: "Not in the person's voice",
      cat_plain_language: "Plain language",
      cat_readability: "Hard to read",
      cat_structure: "Structure",
      footer: "sbp-lint checks words, not people: use your judgement.",
    },
    // Welsh: filled where the translation is sure; null falls back to English until a translator fills it.
    cy: {
      pageTitle: "sbp-lint: gwirio drafft",
      skip: "Neidio i'r canfyddiadau",
      title: "Gwirio drafft",
      tagline: null,
      languageLabel: "Iaith",
      privacy: "Mae popeth yn aros ar y cyfrifiadur hwn: does dim byd yn cael ei gadw na'i anfon i unman.",
      textHeading: "Eich testun",
      openLabel: "Agor dogfen",
      openHint: "Word (.docx), OpenDocument (.odt), Markdown (.md), testun (.txt) neu dudalen we (.html).",
      textLabel: "Gludwch neu deipiwch eich drafft",
      textHint: null,
      placeholder: "Gludwch eich drafft yma…",
      check: "Gwirio",
      checking: "Wrthi'n gwirio…",
      downloadText: "Lawrlwytho'r testun wedi'i gywiro",
      downloadDocx: "Lawrlwytho'r ddogfen Word wedi'i hadolygu",
      docxHint: null,
      legendHeading: "Allwedd",
      profileHeading: "Arfer da yn y drafft hwn",
      findingsHeading: "Canfyddiadau",
      notChecked: "Pwyswch Gwirio i weld y canfyddiadau.",
      findingsNone: "Dim canfyddiadau: dim byd i'w newid.",
      findingsOne: "1 canfyddiad",
      findingsCount: "{n} canfyddiad",
      stale: "Mae'r testun wedi newid ers y gwiriad diwethaf: pwyswch Gwirio eto.",
      staleAccept: "Mae'r testun wedi newid ers y gwiriad: pwyswch Gwirio yn gyntaf.",
      emptyText: null,
      sentence: "Brawddeg:",
      elsewhere: "Y ddogfen gyfan",
      severity_error: "Gwall",
      severity_warning: "Rhybudd",
      severity_suggestion: "Awgrym",
      why: "Pam mae hyn yn bwysig:",
      try: null,
      rewriteLabel: null,
      placeholdersNote: null,
      unsafeNote: null,
      acceptRewrite: "Derbyn y frawddeg newydd",
      acceptFix: "Rhoi “{to}” yn lle “{from}”",
      show: "Dangos yn y testun",
      accepted: "Wedi newid. Wrthi'n gwirio eto…",
      fillIn: null,
      atCaret: null,
      opened: "Wedi agor {name}.",
      opening: "Wrthi'n agor {name}…",
      downloadedText: "Mae'r testun wedi'i gywiro wedi'i lawrlwytho.",
      preparingDocx: null,
      reviewedReady: null,
      errorNetwork: null,
      errorPrefix: null,
      kindLabel: "Math o ddogfen: {kind}",
      profile_words: "Geiriau",
      profile_strengths: null,
      profile_own_words: null,
      profile_outcomes: "Canlyniadau personol",
      profile_outcomes_first_person: null,
      profile_decisions: null,
      profile_decisions_explained: null,
      kind_care_and_support_plan: "Cynllun gofal a chymorth",
      kind_signs_of_safety: null,
      kind_assessment: "Asesiad",
      kind_case_note: null,
      kind_review: "Adolygiad",
      kind_letter: "Llythyr",
      kind_unknown: null,
      cat_deficit: null,
      cat_control: null,
      cat_label: "Label",
      cat_jargon: "Jargon",
      cat_passive: null,
      cat_service_as_outcome: null,
      cat_missing_first_person: null,
      cat_plain_language: "Iaith glir",
      cat_readability: "Anodd ei ddarllen",
      cat_structure: "Strwythur",
      footer: null,
    },
  };
  const CATEGORIES = ["deficit", "control", "label", "jargon", "passive", "service_as_outcome", "missing_first_person",
    "plain_language", "readability", "structure"];
  const SEVERITY_RANK = { error: 3, warning: 2, suggestion: 1 };
  const PROFILE_KEYS = ["words", "strengths", "own_words", "outcomes", "outcomes_first_person", "decisions",
    "decisions_explained"];
  const PLACEHOLDER = /\[[^\]\n]{1,60}\]/;

  const $ = (id) => document.getElementById(id);
  const textarea = $("text");
  const backdrop = $("backdrop");
  const state = {
    lang: "en",
    data: null, // the last answer from /api/check
    checkedText: null, // the text that answer is about
    stale: false,
    busy: false,
    file: null, // the opened Word file, for the reviewed copy
    name: null, // the opened file's name
    after: null, // what to do once the next check is back (focus, placeholder)
    caret: "",
  };

  // -- strings -------------------------------------------------------------------------
  function t(key, vars) {
    const table = STRINGS[state.lang] || {};
    let text = table[key] ?? STRINGS.en[key] ?? key;
    if (vars) text = text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
    return text;
  }
  const countText = (n) => (n === 1 ? t("findingsOne") : t("findingsCount", { n: n.toLocaleString() }));
  const categoryName = (c) => t(`cat_${c}`) === `cat_${c}` ? c.replace(/_/g, " ") : t(`cat_${c}`);
  const categoryClass = (c) => (CATEGORIES.includes(c) ? `cat-${c}` : "cat-other");

  function applyStrings() {
    document.documentElement.lang = state.lang;
    document.querySelectorAll("[data-i18n]").forEach((node) => { node.textContent = t(node.dataset.i18n); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach((node) => {
      node.placeholder = t(node.dataset.i18nPlaceholder);
    });
    document.title = t("pageTitle");
    if (state.data) render(); else renderLegend();
  }

  // -- small DOM helpers (text only, never markup) -----------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "class") node.className = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  function say(message) { $("status").textContent = message; }
  function fail(message) { $("error").textContent = message; }

  // -- where findings are ------------------------------------------------------------------
  const findings = () => (state.data ? state.data.files[0].findings : []);
  const placed = (f) => f.offsets && f.offsets.end > f.offsets.start;

  /** Pieces of [from, to): each with the innermost (then most severe) finding covering it, or none.
      A sweep over the cut points: every start and end is a cut, so a finding active at a piece covers it all. */
  function pieces(entries, from, to) {
    const cuts = new Set([from, to]);
    const inside = [];
    entries.forEach(({ f, index }) => {
      if (!placed(f)) return;
      const start = Math.max(f.offsets.start, from), end = Math.min(f.offsets.end, to);
      if (start >= end) return;
      cuts.add(start); cuts.add(end);
      inside.push({ f, index, start, end });
    });
    inside.sort((x, y) => x.start - y.start);
    const points = [...cuts].sort((a, b) => a - b);
    const better = (x, y) => (x.end - x.start) - (y.end - y.start)
      || (SEVERITY_RANK[y.f.severity] || 0) - (SEVERITY_RANK[x.f.severity] || 0);
    const out = [];
    let active = [], next = 0;
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      while (next < inside.length && inside[next].start <= a) active.push(inside[next++]);
      active = active.filter((item) => item.end > a);
      let top = null;
      for (const item of active) if (!top || better(item, top) < 0) top = item;
      out.push({ a, b, top });
    }
    return out;
  }

  /** The text of [from, to) with ``entries`` ({f, index}) marked: highlights in the text box, or in a list sentence. */
  function marked(text, from, to, visible, entries) {
    return pieces(entries, from, to).map(({ a, b, top }) => {
      const words = text.slice(a, b);
      if (!top) return document.createTextNode(words);
      const name = categoryName(top.f.category);
      return el("mark", { class: `hl ${categoryClass(top.f.category)}`, "data-index": top.index,
        "data-category": top.f.category, "data-label": `${name}: ${words}`, title: visible ? name : null }, words);
    });
  }

  function renderBackdrop() {
    const text = textarea.value;
    if (!state.data || state.stale) { backdrop.replaceChildren(); return; }  // nothing to mark: no copy to keep up
    // A trailing newline keeps the copy's last line as tall as the text box's.
    const all = findings().map((f, index) => ({ f, index }));
    backdrop.replaceChildren(...marked(text, 0, text.length, false, all), document.createTextNode("\n"));
    backdrop.scrollTop = textarea.scrollTop;
  }

  // -- the findings list -----------------------------------------------------------------
  function groups() {
    const byKey = new Map();
    findings().forEach((f, index) => {
      const key = placed(f) ? `${f.offsets.sentence_start}:${f.offsets.sentence_end}` : "document";
      if (!byKey.has(key)) byKey.set(key, { key, start: placed(f) ? f.offsets.sentence_start : Infinity,
        end: placed(f) ? f.offsets.sentence_end : Infinity, items: [] });
      byKey.get(key).items.push(index);
    });
    return [...byKey.values()].sort((a, b) => a.start - b.start || a.end - b.end);
  }

  function findingItem(f, index) {
    const cls = categoryClass(f.category);
    const parts = [
      el("p", { class: "finding-head" },
        el("span", { class: `badge ${cls}` }, categoryName(f.category)),
        el("span", { class: "severity" }, t(`severity_${f.severity}`)),
        f.text && f.category !== "readability" ? el("q", { class: "flagged" }, f.text) : null),
      el("p", { class: "message" }, f.message),
    ];
    if (f.why) parts.push(el("p", { class: "why" }, el("span", { class: "label" }, t("why")), " ", f.why));
    if (f.suggestions && f.suggestions.length) {
      parts.push(el("div", { class: "suggestions" }, el("span", { class: "label" }, t("try")),
        el("ul", {}, f.suggestions.map((s) => el("li", {}, s)))));
    }
    const actions = [];
    if (f.rewrite && placed(f)) {
      parts.push(el("div", { class: "rewrite" },
        el("p", { class: "label" }, t("rewriteLabel")),
        el("p", { class: "rewrite-text" }, f.rewrite.text),
        PLACEHOLDER.test(f.rewrite.text) ? el("p", { class: "note" }, t("placeholdersNote")) : null,
        f.rewrite.safe === false ? el("p", { class: "note" }, t("unsafeNote")) : null));
      actions.push(el("button", { type: "button", class: "accept", "data-action": "rewrite", "data-index": index },
        t("acceptRewrite")));
    }
    if (f.fix && placed(f)) {  // the safe swap alone, beside a rewrite that needs filling in
      actions.push(el("button", { type: "button", class: "accept", "data-action": "fix", "data-index": index },
        t("acceptFix", { from: f.text, to: f.fix })));
    }
    if (placed(f)) {
      actions.push(el("button", { type: "button", class: "show", "data-action": "show", "data-index": index }, t("show")));
    }
    if (actions.length) parts.push(el("div", { class: "finding-actions" }, actions));
    return el("li", { class: `finding ${cls}`, id: `finding-${index}`, "data-index": index }, parts);
  }

  function renderFindings() {
    const text = state.checkedText || "";
    const list = findings();
    const items = groups().map((group, n) => {
      const head = group.key === "document"
        ? el("p", { class: "sentence" }, t("elsewhere"))
        : el("p", { class: "sentence" }, el("span", { class: "visually-hidden" }, t("sentence"), " "),
          marked(text, group.start, group.end, true, group.items.map((i) => ({ f: list[i], index: i }))));
      return el("li", { class: "group", tabindex: "-1", "data-group": n },
        head, el("ul", { class: "items" }, group.items.map((i) => findingItem(list[i], i))));
    });
    $("findings").replaceChildren(...items);
  }

  function renderProfile(file) {
    const profile = file.profile;
    const section = $("profile");
    section.hidden = !profile && !file.kind;
    if (section.hidden) return;
    $("kind").textContent = file.kind ? t("kindLabel", { kind: t(`kind_${file.kind}`) }) : "";
    $("kind").hidden = !file.kind;
    const rows = [];
    for (const key of PROFILE_KEYS) {
      if (!profile || profile[key] === undefined || profile[key] === null) continue;
      rows.push(el("dt", {}, t(`profile_${key}`)), el("dd", {}, Number(profile[key]).toLocaleString()));
    }
    $("profile-list").replaceChildren(...rows);
  }

  function renderLegend() {
    const counts = {};
    findings().forEach((f) => { counts[f.category] = (counts[f.category] || 0) + 1; });
    const cats = [...CATEGORIES, ...Object.keys(counts).filter((c) => !CATEGORIES.includes(c))];
    $("legend").replaceChildren(...cats.map((c) => el("li", {},
      el("span", { class: `swatch ${categoryClass(c)}`, "aria-hidden": "true" }, "Abc"),
      el("span", {}, categoryName(c), state.data ? el("span", { class: "count" }, ` (${counts[c] || 0})`) : null))));
  }

  function summaryText() {
    if (!state.data) return t("notChecked");
    if (state.stale) return t("stale");
    const n = findings().length;
    return n ? countText(n) : t("findingsNone");
  }

  function render() {
    const file = state.data.files[0];
    renderBackdrop();
    renderFindings();
    renderProfile(file);
    renderLegend();
    $("summary").textContent = summaryText();
    setAcceptEnabled(!state.stale);
  }

  function setAcceptEnabled(enabled) {
    document.querySelectorAll("#findings button.accept").forEach((b) => { b.disabled = !enabled; });
  }

  // -- talking to the server ---------------------------------------------------------------
  async function post(path, body, headers) {
    let response;
    try {
      response = await fetch(path, { method: "POST", body, headers, credentials: "same-origin" });
    } catch (error) {
      throw new Error(t("errorNetwork"));
    }
    if (!response.ok) {
      let message = `${response.status}`;
      try { message = (await response.json()).error || message; } catch (error) { /* not JSON */ }
      throw new Error(t("errorPrefix", { error: message }));
    }
    return response;
  }

  /** The name the edited text is checked under: its format follows the opened file (Markdown otherwise). */
  function editName() {
    if (!state.name) return undefined;
    return /\.(txt|text)$/i.test(state.name) ? state.name : state.name.replace(/\.[^.]*$/, "") + ".md";
  }

  async function check() {
    if (state.busy) return;
    const text = textarea.value;
    if (!text.trim()) { fail(t("emptyText")); return; }
    state.busy = true;
    $("check").setAttribute("aria-disabled", "true");
    fail("");
    say(t("checking"));
    try {
      const response = await post("/api/check", JSON.stringify({ text, filename: editName() }),
        { "Content-Type": "application/json" });
      show(await response.json(), text);
      say(summaryText());
      afterCheck();
    } catch (error) {
      say("");
      fail(error.message);
    } finally {
      state.busy = false;
      $("check").removeAttribute("aria-disabled");
    }
  }

  function show(data, text) {
    state.data = data;
    state.checkedText = text;
    state.stale = false;
    state.caret = "";
    $("at-caret").textContent = "";
    render();
  }

  async function openFile(file) {
    fail("");
    say(t("opening", { name: file.name }));
    const form = new FormData();
    form.append("file", file, file.name);
    try {
      const data = await (await post("/api/check", form)).json();
      textarea.value = data.text;
      textarea.scrollTop = 0;
      state.name = file.name;
      state.file = /\.docx$/i.test(file.name) ? file : null;
      $("download-docx").hidden = $("docx-hint").hidden = !state.file;
      show(data, data.text);
      say(`${t("opened", { name: file.name })} ${summaryText()}`);
    } catch (error) {
      say("");
      fail(error.message);
    }
  }

  // -- accepting fixes and rewrites ----------------------------------------------------------
  function accept(index, kind) {
    const f = findings()[index];
    if (!f || !placed(f)) return;
    if (state.stale || textarea.value !== state.checkedText) { fail(t("staleAccept")); return; }
    const from = kind === "rewrite" ? f.offsets.sentence_start : f.offsets.start;
    const to = kind === "rewrite" ? f.offsets.sentence_end : f.offsets.end;
    const replacement = kind === "rewrite" ? f.rewrite.text : f.fix;
    textarea.setRangeText(replacement, from, to, "end");
    const group = document.getElementById(`finding-${index}`).closest(".group");
    state.after = { group: Number(group.dataset.group), from, to: from + replacement.length,
      placeholder: kind === "rewrite" && PLACEHOLDER.test(replacement) };
    say(t("accepted"));
    check();
  }

  function afterCheck() {
    const after = state.after;
    state.after = null;
    if (!after) return;
    if (after.placeholder) {
      const found = PLACEHOLDER.exec(textarea.value.slice(after.from, after.to));
      if (found) {
        textarea.focus();
        textarea.setSelectionRange(after.from + found.index, after.from + found.index + found[0].length);
        say(`${summaryText()} ${t("fillIn", { placeholder: found[0] })}`);
        return;
      }
    }
    const all = document.querySelectorAll("#findings .group");
    const next = all[Math.min(after.group, all.length - 1)];
    (next || $("findings-heading")).focus();
  }

  function showInText(index) {
    const f = findings()[index];
    if (!f || !placed(f) || state.stale) return;
    textarea.focus();
    textarea.setSelectionRange(f.offsets.start, f.offsets.end);
    const mark = backdrop.querySelector(`mark[data-index="${index}"]`);
    if (mark) textarea.scrollTop = Math.max(0, mark.offsetTop - textarea.clientHeight / 3);
    backdrop.scrollTop = textarea.scrollTop;
    describeCaret();
  }

  /** Say which finding the cursor is in (the highlight's label, for people who cannot see the colours). */
  function describeCaret() {
    if (!state.data || state.stale) return;
    const at = textarea.selectionStart;
    const here = findings().map((f, index) => ({ f, index }))
      .filter(({ f }) => placed(f) && f.offsets.start <= at && at < f.offsets.end)
      .sort((x, y) => (x.f.offsets.end - x.f.offsets.start) - (y.f.offsets.end - y.f.offsets.start));
    backdrop.querySelectorAll("mark.active").forEach((m) => m.classList.remove("active"));
    document.querySelectorAll("#findings .finding.current").forEach((m) => m.classList.remove("current"));
    const top = here[0];
    const message = top ? t("atCaret", { category: categoryName(top.f.category), message: top.f.message }) : "";
    if (top) {
      backdrop.querySelectorAll(`mark[data-index="${top.index}"]`).forEach((m) => m.classList.add("active"));
      const item = document.getElementById(`finding-${top.index}`);
      if (item) item.classList.add("current");
    }
    if (message !== state.caret) { state.caret = message; $("at-caret").textContent = message; }
  }

  // -- downloads -----------------------------------------------------------------------------
  function save(blob, filename) {
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: filename, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  function correctedName() {
    if (!state.name) return "corrected-text.md";
    const stem = state.name.replace(/\.[^.]*$/, "");
    return /\.(txt|text)$/i.test(state.name) ? `${stem}.corrected.txt` : `${stem}.corrected.md`;
  }

  function downloadText() {
    save(new Blob([textarea.value], { type: "text/plain;charset=utf-8" }), correctedName());
    say(t("downloadedText"));
  }

  async function downloadDocx() {
    if (!state.file) return;
    fail("");
    say(t("preparingDocx"));
    const form = new FormData();
    form.append("file", state.file, state.file.name);
    try {
      const response = await post("/api/annotate", form);
      const blob = await response.blob();
      save(blob, `${state.file.name.replace(/\.[^.]*$/, "")}.reviewed.docx`);
      say(t("reviewedReady", { n: response.headers.get("x-sbp-lint-comments") || "0" }));
    } catch (error) {
      say("");
      fail(error.message);
    }
  }

  // -- wiring --------------------------------------------------------------------------------
  function textChanged() {
    if (state.data && !state.stale && textarea.value !== state.checkedText) {
      state.stale = true;
      renderBackdrop();
      setAcceptEnabled(false);
      $("summary").textContent = t("stale");
      $("at-caret").textContent = state.caret = "";
    }
  }

  function start() {
    state.lang = (navigator.language || "en").toLowerCase().startsWith("cy") ? "cy" : "en";
    $("lang").value = state.lang;
    $("lang").addEventListener("change", (event) => { state.lang = event.target.value; applyStrings(); });
    $("check").addEventListener("click", check);
    $("download-text").addEventListener("click", downloadText);
    $("download-docx").addEventListener("click", downloadDocx);
    $("file").addEventListener("change", (event) => { if (event.target.files[0]) openFile(event.target.files[0]); });
    textarea.addEventListener("input", textChanged);
    textarea.addEventListener("scroll", () => {
      backdrop.scrollTop = textarea.scrollTop;
      backdrop.scrollLeft = textarea.scrollLeft;
    });
    for (const name of ["click", "keyup", "select"]) textarea.addEventListener(name, describeCaret);
    textarea.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); check(); }
    });
    $("findings").addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      if (!button || button.disabled) return;
      const index = Number(button.dataset.index);
      if (button.dataset.action === "show") showInText(index); else accept(index, button.dataset.action);
    });
    applyStrings();
  }

  start();
})();
