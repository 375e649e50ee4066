/*! audio-edition player <audio-edition-player src timing text chapters|playlist>: no dependencies,
 * no tracking (docs/player.md in the audio-edition repository). */
(() => {
  "use strict";
  if (!window.customElements || customElements.get("audio-edition-player")) return;

  const SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2];
  const SKIP = 15; // seconds: the skip buttons, Shift+arrows, Page Up/Down
  const STEP = 5; // seconds: the arrow keys
  const RESUME_MIN = 5; // positions closer than this to either end are not remembered
  const STORE = "audio-edition:";
  const NOT_TEXT = "script,style,noscript,template,textarea,select,audio-edition-player";
  const IGNORED = /[\s\u00ad\u200b-\u200d\u2060\ufeff]/;
  const ICON = {
    play: "M8 5v14l11-7z",
    pause: "M6 5h4v14H6zm8 0h4v14h-4z",
    skip: "M12 5V1L7 6l5 5V7a6 6 0 1 1-6 6H4a8 8 0 1 0 8-8z",
    prev: "M6 6h2v12H6zm3.5 6 8.5 6V6z",
    next: "M16 6h2v12h-2zM6 18l8.5-6L6 6z",
    dl: "M5 18h14v2H5zm7-2-6-6h4V3h4v7h4z",
    link: "M10 15H7a3 3 0 0 1 0-6h3V7H7a5 5 0 0 0 0 10h3zm4-8v2h3a3 3 0 0 1 0 6h-3v2h3a5 5 0 0 0 0-10zm-6 4h8v2H8z",
  };
  // The player's words; labels='{"play":"Lecture"}' replaces them
  const T = { play: "Play", pause: "Pause", prev: "Previous article", next: "Next article", back: "Back {} seconds",
    fwd: "Forward {} seconds", seek: "Seek", of: "{} of {}", speed: "Playback speed {}×", copy: "Copy link at {}",
    copied: "Link to {} copied", dl: "Download MP3", resume: "Resume from {}" };
  const svg = (d) => `<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="${d}"/></svg>`;
  const button = (cls, act, label, inner, hidden) =>
    `<button type="button" class="aep-btn aep-${cls}" data-do="${act}" aria-label="${label}"${hidden ? " hidden" : ""}>${inner}</button>`;
  const TEMPLATE = (t) => `<div class="aep-head"><p class="aep-now"></p>${
    button("copy", "copy", t("copy", "0:00"), svg(ICON.link))}<a class="aep-btn aep-dl" download hidden aria-label="${t("dl")}" title="${t("dl")}">${
    svg(ICON.dl)}</a></div><div class="aep-bar">${
    button("prev", "prev", t("prev"), svg(ICON.prev), true)}${
    button("play", "toggle", t("play"), svg(ICON.play) + svg(ICON.pause))}${
    button("next", "next", t("next"), svg(ICON.next), true)}${
    button("back", "back", t("back", SKIP), svg(ICON.skip) + `<span>${SKIP}</span>`)}${
    button("fwd", "fwd", t("fwd", SKIP), svg(ICON.skip) + `<span>${SKIP}</span>`)}
<div class="aep-seek" role="slider" tabindex="0" aria-label="${t("seek")}" aria-valuemin="0"><div class="aep-fill"></div></div>
<span class="aep-time">0:00 / 0:00</span>${button("speed", "speed", t("speed", 1), "1×")}</div>
<p class="aep-status"><span class="aep-msg" role="status"></span>${button("resume", "resume", "", "", true)}</p>`;

  /** Seconds as m:ss (or h:mm:ss). */
  const clock = (seconds) => {
    const s = Math.max(0, Math.floor(seconds || 0));
    const pad = (n) => String(n).padStart(2, "0");
    const h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    return (h ? `${h}:${pad(m)}` : `${m}`) + `:${pad(s % 60)}`;
  };
  /** localStorage that never throws (private modes, sandboxed frames). */
  const store = {
    get: (k) => { try { return localStorage.getItem(STORE + k); } catch { return null; } },
    set: (k, v) => {
      try { v == null ? localStorage.removeItem(STORE + k) : localStorage.setItem(STORE + k, v); } catch { /* not available */ }
    },
  };
  /** One character as compared for text matching: no whitespace, plain quotes and dashes, lower case. */
  const fold = (c) => (IGNORED.test(c) ? "" : c.replace(/[\u2018-\u201b\u2032]/, "'").replace(/[\u201c-\u201f\u2033\u00ab\u00bb]/, '"')
    .replace(/[\u2010-\u2015\u2212]/, "-").normalize("NFKC").toLowerCase());
  const foldAll = (s) => Array.from(s, fold).join("");
  /** A sentence's key: its index, prefixed with its article's slug in an edition's timing. */
  const key = (s) => (s.article ? s.article + ":" : "") + s.index;
  /** The key of a sentence's element: ``data-sentence``, after the slug of the ``data-article`` around it. */
  const elKey = (el) => {
    const a = el.parentElement.closest("[data-article]");
    return (a ? a.dataset.article + ":" : "") + el.dataset.sentence;
  };
  /** Mark one element current (class and aria-current) or not. */
  const lit = (el, on) => {
    el.classList.toggle("aep-current", on);
    on ? el.setAttribute("aria-current", "true") : el.removeAttribute("aria-current");
  };

  /** Wrap each item's text found, in order, in the text under ``roots`` in a <span> made by
   * ``make(item)``; whitespace, quotes, dashes and case do not matter, and an item may cross
   * elements (each piece gets its own span). */
  function wrap(roots, items, make) {
    const nodes = [], offsets = [], parts = [];
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
        acceptNode: (n) => (n.parentElement.closest(NOT_TEXT) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
      });
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < node.data.length; i++) {
          const f = fold(node.data[i]);
          for (let k = 0; k < f.length; k++) { nodes.push(node); offsets.push(i); }
          parts.push(f);
        }
      }
    }
    const text = parts.join(""), pieces = [];
    let from = 0;
    for (const item of items) {
      const key = foldAll(item.text), at = key ? text.indexOf(key, from) : -1;
      if (at < 0) continue;
      from = at + key.length;
      for (let i = at; i < from;) {
        let j = i;
        while (j + 1 < from && nodes[j + 1] === nodes[i]) j++;
        pieces.push({ node: nodes[i], start: offsets[i], end: offsets[j] + 1, item });
        i = j + 1;
      }
    }
    // From the last piece back, so that splitting a text node keeps earlier offsets valid.
    for (let p = pieces.length - 1; p >= 0; p--) {
      const { node, start, end, item } = pieces[p];
      const words = start > 0 ? node.splitText(start) : node;
      if (end - start < words.length) words.splitText(end - start);
      const span = make(item);
      words.parentNode.insertBefore(span, words);
      span.appendChild(words);
    }
  }
  const span = (cls, name, value) => {
    const el = document.createElement("span");
    el.className = cls;
    el.dataset[name] = value;
    return el;
  };

  let owner = null; // the player that last played: it alone drives the Media Session

  class AudioEditionPlayer extends HTMLElement {
    connectedCallback() {
      const a = (n) => this.getAttribute(n), list = a("chapters") && document.querySelector(a("chapters"));
      if (this.audio || !(a("src") || a("timing"))) return;
      Object.assign(this, { current: -1, sentences: [], unmatched: [], els: new Map(), word: -1, lit: [], chapter: -2,
        src: a("src") || "", duration: +a("duration") || 0, heading: "", sentence: null });
      this.chapters = list ? Array.from(list.querySelectorAll("[data-start]"), (el) => ({ el, start: +el.dataset.start, title: el.dataset.title || "" })) : [];
      let L = {};
      try { L = JSON.parse(a("labels")) || L; } catch { /* English */ }
      this.t = (k, ...v) => v.reduce((s, x) => s.replace("{}", x), L[k] || T[k]);
      this.innerHTML = TEMPLATE((k, v) => this.t(k, v).replace(/[<&"]/g, (c) => `&#${c.charCodeAt(0)};`));
      const q = (s) => this.querySelector(s);
      this.ui = { play: q(".aep-play"), seek: q(".aep-seek"), fill: q(".aep-fill"), time: q(".aep-time"), speed: q(".aep-speed"),
        now: q(".aep-now"), resume: q(".aep-resume"), prev: q(".aep-prev"), next: q(".aep-next"), copy: q(".aep-copy"), dl: q(".aep-dl"), msg: q(".aep-msg") };
      this.ui.prev.hidden = this.ui.next.hidden = !list;
      this.audio = document.createElement("audio");
      this.audio.preload = "none";
      this.appendChild(this.audio);
      if (this.src) this.setSrc(this.src);
      this.tick = this.tick.bind(this);
      this.bindControls(list);
      this.bindAudio();
      this.setSpeed(+store.get("speed") || 1);
      this.state("paused");
      this.render(0);
      this.ready = this.fetchTiming(a("timing")).then((data) => { this.apply(data); return this; });
      this.ready.then(() => this.fromHash());
    }

    disconnectedCallback() {
      cancelAnimationFrame(this.raf);
    }

    bindControls(list) {
      this.addEventListener("click", (e) => {
        const b = e.target.closest("[data-do]");
        if (b && this.contains(b)) this.act(b.dataset.do);
      });
      this.addEventListener("keydown", (e) => this.onKey(e));
      const seek = this.ui.seek;
      const drag = (e) => {
        const r = seek.getBoundingClientRect();
        this.seek(((e.clientX - r.left) / r.width) * this.duration);
      };
      seek.addEventListener("pointerdown", (e) => {
        seek.setPointerCapture(e.pointerId);
        drag(e);
        seek.addEventListener("pointermove", drag);
      });
      const stop = () => seek.removeEventListener("pointermove", drag);
      seek.addEventListener("pointerup", stop);
      seek.addEventListener("pointercancel", stop);
      if (list) list.addEventListener("click", (e) => this.onListClick(e));
      const scrolled = () => { this.userScrolled = Date.now(); };
      addEventListener("wheel", scrolled, { passive: true });
      addEventListener("touchmove", scrolled, { passive: true });
      addEventListener("hashchange", () => this.fromHash());
    }

    bindAudio() {
      const a = this.audio;
      a.addEventListener("play", () => {
        for (const other of document.querySelectorAll("audio-edition-player")) if (other !== this && other.audio) other.pause();
        this.played = true;
        this.ui.resume.hidden = true;
        this.session();
        this.state("playing");
        cancelAnimationFrame(this.raf);
        this.raf = requestAnimationFrame(this.tick);
      });
      a.addEventListener("pause", () => { this.state("paused"); this.save(true); });
      a.addEventListener("timeupdate", () => { this.render(a.currentTime); this.save(false); });
      a.addEventListener("ratechange", () => this.position());
      a.addEventListener("ended", () => { this.save(true); this.state("ended"); });
    }

    act(name) {
      const acts = { toggle: () => this.toggle(), back: () => this.skip(-SKIP), fwd: () => this.skip(SKIP), prev: () => this.prev(),
        next: () => this.next(), speed: () => this.cycleSpeed(), resume: () => this.resume(), copy: () => this.copyLink() };
      if (acts[name]) acts[name]();
    }

    onKey(e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const step = e.shiftKey ? SKIP : STEP, onSlider = e.target === this.ui.seek;
      const keys = { ArrowLeft: () => this.skip(-step), ArrowRight: () => this.skip(step) };
      if (!e.target.closest("button,a")) keys[" "] = () => this.toggle(); // a button's own Space clicks it
      if (onSlider) Object.assign(keys, { ArrowDown: keys.ArrowLeft, ArrowUp: keys.ArrowRight,
        PageDown: () => this.skip(-SKIP), PageUp: () => this.skip(SKIP), Home: () => this.seek(0), End: () => this.seek(this.duration) });
      if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
    }

    /** A button in a chapter's item plays from that chapter. */
    onListClick(e) {
      const item = e.target.closest("button") && e.target.closest("[data-start]"), x = this.chapters.find((c) => c.el === item);
      if (x) { this.seek(x.start); this.play(); }
    }

    onTextClick(e) {
      const el = e.target.closest("[data-sentence]");
      if (!el || e.target.closest("a,button,input,select,textarea,audio-edition-player")) return;
      if (String(getSelection() || "").trim()) return; // the reader is selecting text, not asking to play
      const k = elKey(el);
      this.playFrom(this.sentences.find((x) => key(x) === k));
    }

    setSrc(url) {
      this.audio.src = this.ui.dl.href = url;
      this.ui.dl.hidden = false;
    }

    fetchTiming(timing) {
      if (!timing) return Promise.resolve(null); // audio alone: no sentences to follow
      const url = this.url = new URL(timing, document.baseURI).href;
      return fetch(url, { credentials: "same-origin" })
        .then((r) => { if (!r.ok) throw new Error(`HTTP ${r.status}`); return r.json(); })
        .catch((err) => {
          console.warn(`audio-edition-player: cannot read ${url}:`, err);
          this.emit("error", { url, error: String(err) });
          return null;
        });
    }

    apply(data) {
      if (!data) return;
      if (!this.src && data.audio) this.setSrc(this.src = new URL(data.audio, this.url).href);
      if (data.duration > 0) this.duration = data.duration;
      this.heading = data.title || "";
      this.wordy = this.getAttribute("highlight") === "word" && data.words === true;
      this.sentences = (data.sentences || []).slice().sort((a, b) => a.start - b.start);
      this.attachText();
      this.showTitle();
      this.render(this.audio.currentTime);
      this.offerResume();
      this.emit("ready", { unmatched: this.unmatched });
    }

    /** Find the sentences' elements in the page text (wrapping them first if the page has none).
     * An edition's own lines (``article`` empty) and the disclosure (a ``kind``) are not in the page. */
    attachText() {
      const selector = this.getAttribute("text"), root = selector && document.querySelector(selector);
      const wanted = this.sentences.filter((s) => s.article !== "" && !s.kind);
      this.els = new Map();
      this.wordEls = new Map();
      this.unmatched = [];
      if (!root) return;
      if (!root.querySelector("[data-sentence]")) wrap([root], wanted, (x) => span("aep-sentence", "sentence", key(x)));
      for (const el of root.querySelectorAll("[data-sentence]")) {
        const k = elKey(el);
        this.els.set(k, (this.els.get(k) || []).concat(el));
      }
      root.classList.add("aep-text");
      if (this.textRoot !== root) root.addEventListener("click", (e) => this.onTextClick(e));
      this.textRoot = root;
      this.unmatched = wanted.filter((s) => !this.els.has(key(s)));
      if (!this.unmatched.length) return;
      console.warn(`audio-edition-player: ${this.unmatched.length} of ${wanted.length} sentences not found in ${selector}:`,
        this.unmatched.map((s) => s.text));
      this.emit("unmatched", { sentences: this.unmatched });
    }

    play() {
      const p = this.audio.play();
      if (p) p.catch((err) => { if (err.name !== "AbortError") console.warn("audio-edition-player:", err.message); });
    }

    pause() { this.audio.pause(); }

    toggle() { this.audio.paused ? this.play() : this.pause(); }

    seek(t) {
      if (!Number.isFinite(t)) return;
      this.audio.currentTime = Math.min(Math.max(t, 0), this.duration || Infinity);
      this.render(this.audio.currentTime);
      this.position();
    }

    skip(delta) { this.seek(this.audio.currentTime + delta); }

    playSentence(index) { this.playFrom(this.sentences.find((x) => x.index === index && x.article !== "")); }

    playFrom(s) {
      if (!s) return;
      this.seek(s.start);
      this.play();
    }

    /** The start of this chapter; within its first 3 s, of the one before. */
    prev() {
      const x = this.chapters, c = this.chapter, at = c >= 0 ? x[c].start : 0;
      this.seek(this.audio.currentTime - at > 3 || c < 1 ? at : x[c - 1].start);
    }

    next() {
      const x = this.chapters[this.chapter + 1];
      if (x) this.seek(x.start);
    }

    setSpeed(rate) {
      const r = SPEEDS.includes(rate) ? rate : 1;
      this.audio.defaultPlaybackRate = this.audio.playbackRate = r;
      this.ui.speed.textContent = `${r}×`;
      this.ui.speed.setAttribute("aria-label", this.t("speed", r));
      return r;
    }

    cycleSpeed() {
      const r = this.setSpeed(SPEEDS[(SPEEDS.indexOf(this.audio.playbackRate) + 1) % SPEEDS.length]);
      store.set("speed", String(r));
    }

    /** The page's address with ``#t=<seconds>``, the time playing now: copied, or shown to copy by hand. */
    copyLink() {
      const t = Math.floor(this.audio.currentTime), url = `${location.href.split("#")[0]}#t=${t}`, msg = this.ui.msg;
      const say = (text) => { msg.textContent = text; clearTimeout(this.said); this.said = setTimeout(() => { msg.textContent = ""; }, 8000); };
      const c = navigator.clipboard;
      (c ? c.writeText(url) : Promise.reject()).then(() => say(this.t("copied", clock(t))), () => say(url));
    }

    /** ``#t=<seconds>`` in the page's address: the first player on the page goes there. */
    fromHash() {
      const m = /^#t=(\d+(\.\d+)?)$/.exec(location.hash);
      if (!m || document.querySelector("audio-edition-player") !== this) return;
      this.ui.resume.hidden = true;
      this.seek(+m[1]);
      const el = (this.els.get(key(this.sentenceAt(this.audio.currentTime) || {})) || [])[0];
      if (el) this.reveal(el);
    }

    /** One animation frame while playing: time, seek bar and highlight follow currentTime. */
    tick() {
      this.render(this.audio.currentTime);
      if (!this.audio.paused && !this.audio.ended) this.raf = requestAnimationFrame(this.tick);
    }

    render(t) {
      const d = this.duration, shown = `${clock(t)} / ${clock(d)}`;
      if (shown !== this.shown) {
        this.shown = shown;
        this.ui.time.textContent = shown;
        const seek = this.ui.seek;
        seek.setAttribute("aria-valuemax", String(Math.round(d)));
        seek.setAttribute("aria-valuenow", String(Math.round(t)));
        seek.setAttribute("aria-valuetext", this.t("of", clock(t), clock(d)));
        this.ui.copy.title = this.t("copy", clock(t));
        this.ui.copy.setAttribute("aria-label", this.ui.copy.title);
      }
      this.ui.fill.style.setProperty("--aep-p", d ? String(Math.min(t / d, 1)) : "0");
      const s = t > 0 || this.played ? this.sentenceAt(t) : null; // nothing lit before the first play
      this.highlight(s);
      this.lightWord(s, t);
      let c = -1;
      this.chapters.forEach((x, i) => { if (x.start <= t + 0.05) c = i; });
      if (c !== this.chapter) this.markChapter(c);
    }

    /** Word mode: light the last word of sentence ``s`` that started at or before ``t``
     * (none where the timing has no words for it: the sentence alone stays lit). */
    lightWord(s, t) {
      const words = (this.wordy && s && s.words) || [];
      let j = -1;
      while (j + 1 < words.length && words[j + 1].start <= t) j++;
      const k = j < 0 ? "" : `${key(s)}/${j}`;
      if (k === this.wordKey) return;
      for (const el of this.lit) el.classList.remove("aep-current");
      this.lit = j < 0 ? [] : this.wordsOf(s)[j] || [];
      for (const el of this.lit) el.classList.add("aep-current");
      Object.assign(this, { wordKey: k, word: j });
      this.emit("word", { sentence: s ? s.index : -1, index: j });
    }

    /** Sentence ``s``'s words in the page, wrapped inside its own elements on first use
     * (matched like sentences): one list of elements per word. */
    wordsOf(s) {
      let list = this.wordEls.get(key(s));
      if (list) return list;
      const els = this.els.get(key(s)) || [], at = s.span[0];
      const items = s.words.map((w, j) => ({ text: s.text.slice(w.span[0] - at, w.span[1] - at), j }));
      if (!els.some((el) => el.querySelector("[data-word]"))) wrap(els, items, (x) => span("aep-word", "word", x.j));
      list = [];
      for (const el of els) for (const w of el.querySelectorAll("[data-word]")) (list[+w.dataset.word] ||= []).push(w);
      this.wordEls.set(key(s), list);
      return list;
    }

    /** The last sentence that started at or before ``t`` (during a pause, the one just read). */
    sentenceAt(t) {
      const list = this.sentences;
      let lo = 0, hi = list.length - 1, found = null;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].start <= t) { found = list[mid]; lo = mid + 1; } else hi = mid - 1;
      }
      return found;
    }

    highlight(sentence) {
      if (sentence === this.sentence) return;
      for (const el of this.els.get(key(this.sentence || {})) || []) lit(el, false);
      this.sentence = sentence;
      this.current = sentence ? sentence.index : -1;
      const els = (sentence && this.els.get(key(sentence))) || [];
      for (const el of els) lit(el, true);
      if (els.length && !this.audio.paused) this.reveal(els[0]);
      this.emit("sentence", { index: this.current, article: sentence && sentence.article });
    }

    /** Scroll a sentence into view only if it is off-screen (or under this player), and not
     * while the reader is scrolling; smoothly unless they prefer reduced motion. */
    reveal(el) {
      if (Date.now() - (this.userScrolled || 0) < 4000) return;
      const r = el.getBoundingClientRect(), me = this.getBoundingClientRect();
      const top = me.top < 100 && me.bottom > 0 ? me.bottom : 0;
      if (r.top >= top && r.bottom <= innerHeight) return;
      const still = matchMedia("(prefers-reduced-motion: reduce)").matches;
      el.scrollIntoView({ block: "center", behavior: still ? "auto" : "smooth" });
    }

    state(name) {
      this.dataset.state = name;
      this.ui.play.setAttribute("aria-label", this.t(name === "playing" ? "pause" : "play"));
      if (navigator.mediaSession && owner === this) navigator.mediaSession.playbackState = name === "playing" ? "playing" : "paused";
    }

    /** The chapter playing (-1 before the first): its item in the list marked, its title shown. */
    markChapter(c) {
      this.chapter = c;
      this.chapters.forEach((x, i) => lit(x.el, i === c));
      this.ui.next.disabled = c + 1 >= this.chapters.length;
      this.showTitle();
      if (owner === this) this.session(); // the lock screen names the article playing
      this.emit("chapterchange", { index: c });
    }

    /** What is playing: the article's title; in an edition, "2/6 · " and the article's. */
    showTitle() {
      const x = this.chapters[this.chapter];
      this.ui.now.textContent = x ? `${this.chapter + 1}/${this.chapters.length} · ${x.title}` : this.heading;
    }

    /** Media Session: lock-screen and headset controls, set by the player that plays. */
    session() {
      const ms = navigator.mediaSession, art = this.getAttribute("artwork"), x = this.chapters[this.chapter];
      if (!ms) return;
      owner = this;
      if (window.MediaMetadata) {
        const artwork = art ? [{ src: new URL(art, document.baseURI).href, type: /\.jpe?g$/i.test(art) ? "image/jpeg" : "image/png" }] : [];
        ms.metadata = new MediaMetadata({ title: x ? x.title : this.heading, artist: this.getAttribute("artist") || "",
          album: this.getAttribute("album") || "", artwork });
      }
      const many = this.chapters.length;
      const handlers = { play: () => this.play(), pause: () => this.pause(), seekto: (d) => this.seek(d.seekTime),
        seekbackward: (d) => this.skip(-(d.seekOffset || SKIP)), seekforward: (d) => this.skip(d.seekOffset || SKIP),
        previoustrack: many ? () => this.prev() : null, nexttrack: many ? () => this.next() : null };
      for (const [name, fn] of Object.entries(handlers)) {
        try { ms.setActionHandler(name, fn); } catch { /* action not supported here */ }
      }
      this.position();
    }

    position() {
      const ms = navigator.mediaSession, d = this.duration;
      if (!ms || !ms.setPositionState || !d) return;
      try { ms.setPositionState({ duration: d, playbackRate: this.audio.playbackRate, position: Math.min(this.audio.currentTime, d) }); } catch { /* not supported */ }
    }

    /** Remember where the reader is in this article (every 2 s, and on pause). */
    save(now) {
      const url = this.url, pos = this.audio.currentTime;
      if (!url || !this.played) return;
      if (this.audio.ended || pos < RESUME_MIN || pos > this.duration - RESUME_MIN) return store.set(`pos:${url}`, null);
      if (now || Math.abs(pos - (this.saved || 0)) >= 2) {
        this.saved = pos;
        store.set(`pos:${url}`, pos.toFixed(1));
      }
    }

    /** On return to an article, offer to go on from where the reader stopped. */
    offerResume() {
      const pos = +store.get(`pos:${this.url}`) || 0, b = this.ui.resume;
      b.hidden = !(pos >= RESUME_MIN && pos < this.duration - RESUME_MIN && this.audio.paused && this.audio.currentTime < 1);
      if (b.hidden) return;
      this.resumeAt = pos;
      b.textContent = this.t("resume", clock(pos));
      b.setAttribute("aria-label", b.textContent);
    }

    resume() {
      this.ui.resume.hidden = true;
      this.seek(this.resumeAt || 0);
      this.play();
    }

    emit(name, detail) {
      this.dispatchEvent(new CustomEvent(name, { detail }));
    }
  }

  customElements.define("audio-edition-player", AudioEditionPlayer);
})();
