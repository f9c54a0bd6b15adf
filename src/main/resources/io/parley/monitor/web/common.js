// parley dashboards, shared part: DOM helpers, level meters, and the live WebSocket carrying
// the status document (see docs/status-schema.json), reconnecting by itself. Served by parley;
// the pages load nothing else. bridge.js and overview.js draw the two kinds of page.
'use strict';

const parley = (function () {
  const body = document.body;
  const BRIDGE = body.dataset.bridge || '';
  const TOKEN = new URLSearchParams(location.search).get('token');
  const FLOOR_DBFS = -60; // the meters' left end; quieter shows as empty
  const STALE_MS = 3000;
  const LANGUAGES = {
    en: 'English', fr: 'French', es: 'Spanish', de: 'German', it: 'Italian', pt: 'Portuguese',
    nl: 'Dutch', ar: 'Arabic', zh: 'Chinese', ja: 'Japanese', ru: 'Russian'
  };
  const STAGES = [['stt', 'sttMillis'], ['mt', 'mtMillis'], ['tts', 'ttsMillis'], ['queue', 'queueMillis']];
  const STAGE_NAMES = { stt: 'STT', mt: 'MT', tts: 'TTS' };

  // ---- small DOM helpers (no innerHTML: transcripts are text, never markup) ----
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs) {
    const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }
  function setText(e, text) {
    const t = String(text);
    if (e.textContent !== t) e.textContent = t;
  }
  function withToken(url) {
    if (!TOKEN) return url;
    return url + (url.indexOf('?') < 0 ? '?' : '&') + 'token=' + encodeURIComponent(TOKEN);
  }
  function language(code) {
    return LANGUAGES[code] || (code ? code.toUpperCase() : '');
  }
  function fmtInt(n) {
    return Number(n).toLocaleString('en-US');
  }
  function fmtMs(ms) {
    if (ms === null || ms === undefined) return '–';
    return ms >= 1000 ? (ms / 1000).toFixed(2) + ' s' : Math.round(ms) + ' ms';
  }
  function fmtPercent(ratio) {
    return (ratio * 100).toFixed(ratio < 0.01 ? 2 : 1) + ' %';
  }

  // ---- level meter ----
  function meter(small) {
    const m = el('div', 'meter' + (small ? ' small' : ''));
    m.appendChild(el('div', 'mask'));
    m.dataset.dbfs = String(FLOOR_DBFS);
    return m;
  }
  function setMeter(m, dbfs) {
    const v = typeof dbfs === 'number' ? dbfs : -100;
    const lit = Math.max(0, Math.min(1, (v - FLOOR_DBFS) / -FLOOR_DBFS));
    m.dataset.dbfs = v.toFixed(1);
    m.firstChild.style.width = ((1 - lit) * 100).toFixed(1) + '%';
  }
  function fmtDbfs(v) {
    return v <= -100 ? 'silence' : v.toFixed(1) + ' dBFS';
  }

  // Every page's link to the call history carries the page's token.
  const historyLink = document.getElementById('history-link');
  if (historyLink) historyLink.href = withToken('/history');

  // ---- connection ----
  const conn = document.getElementById('conn');
  function showConn(state, text) {
    conn.dataset.conn = state;
    setText(conn, text);
  }

  function connect(render) {
    let attempts = 0;
    let lastMessage = 0;
    let socket = null;
    let retryTimer = null;

    function open() {
      retryTimer = null;
      const params = new URLSearchParams();
      if (BRIDGE) params.set('bridge', BRIDGE);
      if (TOKEN) params.set('token', TOKEN);
      const q = params.toString();
      const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws' + (q ? '?' + q : '');
      showConn('connecting', attempts ? 'reconnecting…' : 'connecting…');
      socket = new WebSocket(url);
      socket.onmessage = function (ev) {
        attempts = 0;
        lastMessage = Date.now();
        showConn('live', 'live');
        let doc;
        try {
          doc = JSON.parse(ev.data);
        } catch (e) {
          return;
        }
        render(doc);
      };
      socket.onclose = function () {
        socket = null;
        retry();
      };
      socket.onerror = function () {
        // onclose follows and schedules the retry.
      };
    }

    function retry() {
      if (retryTimer) return;
      // Exponential backoff with jitter: 0.5 s, 1 s, 2 s ... up to 10 s.
      const delay = Math.min(10000, 500 * Math.pow(2, attempts)) + Math.floor(Math.random() * 250);
      attempts++;
      showConn('down', 'disconnected — retrying in ' + Math.ceil(delay / 1000) + ' s');
      retryTimer = setTimeout(open, delay);
    }

    setInterval(function () {
      if (socket && socket.readyState === WebSocket.OPEN && lastMessage && Date.now() - lastMessage > STALE_MS) {
        showConn('down', 'no update for ' + Math.round((Date.now() - lastMessage) / 1000) + ' s');
        socket.close();
      }
    }, 1000);
    open();
  }

  function renderAri(ari) {
    const badge = document.getElementById('ari');
    if (!badge || !ari) return;
    badge.dataset.state = ari.state;
    setText(badge, 'ARI ' + ari.state);
    badge.title = [ari.url, ari.detail].filter(Boolean).join(' — ');
  }

  function renderFooter(doc) {
    const f = document.getElementById('footer');
    const m = doc.monitor;
    setText(f, 'status schema ' + doc.schema + ' v' + doc.version + ' · ' + fmtInt(m.eventsReceived) + ' events'
      + (m.eventsDropped ? ' (' + fmtInt(m.eventsDropped) + ' lost by the monitor)' : '')
      + ' · feed clients ' + m.feedClients + ' · live pages ' + m.webSocketClients
      + ' · updated ' + new Date(doc.generatedAt).toLocaleTimeString());
  }

  return {
    BRIDGE, STAGES, STAGE_NAMES, FLOOR_DBFS,
    el, svg, setText, withToken, language, fmtInt, fmtMs, fmtPercent, meter, setMeter, fmtDbfs,
    connect, renderAri, renderFooter
  };
})();
