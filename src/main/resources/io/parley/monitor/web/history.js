// parley dashboards: the call history. Lists calls from GET /calls with the filters of the form,
// shows one call from GET /calls/{id}: its legs' quality figures, its recordings, its utterances on
// a timeline and as a transcript. Needs common.js.
'use strict';

(function () {
  const { el, setText, withToken, language, fmtInt, fmtMs, fmtPercent } = parley;
  const PAGE = 50;

  const form = document.getElementById('filters');
  const tbody = document.querySelector('#calls tbody');
  const count = document.getElementById('count');
  const message = document.getElementById('list-message');
  const more = document.getElementById('more');
  const detail = document.getElementById('detail');
  let offset = 0;
  let selected = null;

  for (const id of ['overview-link', 'home-link']) {
    const a = document.getElementById(id);
    a.href = withToken(a.getAttribute('href'));
  }

  function fmtTime(ms) {
    if (!ms) return '–';
    const d = new Date(ms);
    return d.toLocaleDateString('en-CA') + ' ' + d.toLocaleTimeString('en-GB');
  }
  function fmtDuration(ms) {
    if (ms === null || ms === undefined) return '–';
    const s = Math.round(ms / 1000);
    return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
  }
  function fmtOffset(ms) {
    const s = Math.max(0, ms) / 1000;
    return Math.floor(s / 60) + ':' + (s % 60).toFixed(1).padStart(4, '0');
  }

  // ---- the list ----
  function filters() {
    const p = new URLSearchParams();
    const v = (id) => document.getElementById(id).value.trim();
    if (v('f-bridge')) p.set('bridge', v('f-bridge'));
    if (v('f-extension')) p.set('extension', v('f-extension'));
    for (const [id, name] of [['f-from', 'from'], ['f-to', 'to']]) {
      const t = v(id);
      if (t) p.set(name, String(new Date(t).getTime()));
    }
    if (v('f-q')) p.set('q', v('f-q'));
    return p;
  }

  function exportLinks(p) {
    const json = new URLSearchParams(p);
    json.set('limit', '1000');
    const csv = new URLSearchParams(json);
    csv.set('format', 'csv');
    document.getElementById('export-json').href = withToken('/calls/export?' + json);
    document.getElementById('export-csv').href = withToken('/calls/export?' + csv);
  }

  async function getJson(url) {
    const r = await fetch(withToken(url), { headers: { Accept: 'application/json' } });
    if (!r.ok) throw new Error((await r.text()) || r.statusText);
    return r.json();
  }

  async function load(append) {
    const p = filters();
    exportLinks(p);
    if (!append) offset = 0;
    p.set('limit', String(PAGE));
    p.set('offset', String(offset));
    let page;
    try {
      page = await getJson('/calls?' + p);
    } catch (e) {
      message.hidden = false;
      setText(message, 'The history cannot be read: ' + e.message);
      return;
    }
    if (!append) tbody.textContent = '';
    for (const c of page.calls) tbody.appendChild(row(c));
    offset += page.calls.length;
    more.hidden = page.calls.length < PAGE;
    message.hidden = tbody.children.length > 0;
    setText(message, p.has('q') || p.has('bridge') || p.has('extension') || p.has('from') || p.has('to')
      ? 'No call matches these filters.' : 'No call yet: calls appear here once a caller has been on a bridge.');
    setText(count, tbody.children.length + (more.hidden ? '' : '+') + ' shown, newest first');
  }

  function row(c) {
    const tr = el('tr');
    tr.dataset.call = c.id;
    tr.appendChild(el('td', 'started', fmtTime(c.startedAt)));
    tr.appendChild(el('td', 'bridge', c.bridge));
    tr.appendChild(el('td', 'extensions', c.extensions.join(' ↔ ')));
    tr.appendChild(el('td', 'duration', c.endedAt ? fmtDuration(c.durationMillis) : 'going on'));
    tr.appendChild(el('td', 'utterances', fmtInt(c.utterances)));
    const end = el('td', c.endedAt ? 'ended' : 'ended open', c.endedAt
      ? [c.endedBy, c.endReason].filter(Boolean).join(': ') : 'in progress');
    tr.appendChild(end);
    if (c.id === selected) tr.classList.add('selected');
    tr.addEventListener('click', () => show(c.id));
    return tr;
  }

  // ---- one call ----
  async function show(id) {
    selected = id;
    for (const tr of tbody.children) tr.classList.toggle('selected', tr.dataset.call === id);
    let d;
    try {
      d = await getJson('/calls/' + encodeURIComponent(id));
    } catch (e) {
      detail.hidden = false;
      setText(document.getElementById('d-title'), 'Call ' + id + ': ' + e.message);
      return;
    }
    const url = new URL(location.href);
    url.searchParams.set('call', id);
    history.replaceState(null, '', url);
    render(d);
    detail.hidden = false;
    detail.scrollIntoView({ block: 'start' });
  }

  function render(d) {
    const c = d.call;
    detail.dataset.call = c.id;
    setText(document.getElementById('d-title'), c.bridge + ' · ' + fmtTime(c.startedAt)
      + ' · ' + (c.endedAt ? fmtDuration(c.durationMillis) : 'going on'));
    setText(document.getElementById('d-mode'), c.mode);
    const facts = ['call ' + c.id, 'node ' + c.node];
    if (c.answeredAt) facts.push('both connected after ' + fmtMs(c.answeredAt - c.startedAt));
    else facts.push('the second caller never came');
    if (c.endedAt) facts.push('ended by ' + (c.endedBy || '?') + (c.endReason ? ' (' + c.endReason + ')' : ''));
    setText(document.getElementById('d-facts'), facts.join(' · '));
    document.getElementById('d-json').href = withToken('/calls/' + encodeURIComponent(c.id));
    document.getElementById('d-csv').href = withToken('/calls/' + encodeURIComponent(c.id) + '?format=csv');
    renderLegs(d.legs);
    renderRecordings(c, d.recordings);
    renderTimeline(c, d.legs, d.utterances);
    renderTranscript(c, d.utterances);
    renderFaults(c, d.faults);
  }

  function renderLegs(legs) {
    const body = document.querySelector('#d-legs tbody');
    body.textContent = '';
    for (const l of legs) {
      const tr = el('tr');
      tr.dataset.leg = l.extension;
      const expected = l.packetsIn + l.lost;
      const loss = expected ? l.lost / expected : 0;
      const malformed = Object.entries(l.malformed).map(([k, v]) => k + ' ' + v).join(', ') || '0';
      const cells = [
        ['leg', l.extension + (l.language ? ' (' + language(l.language) + ')' : '')],
        ['channel', l.channelId || '–'],
        ['codec', l.codec || '–'],
        ['on', (l.joinedAt ? new Date(l.joinedAt).toLocaleTimeString('en-GB') : '–') + ' – '
          + (l.leftAt ? new Date(l.leftAt).toLocaleTimeString('en-GB') : '…')
          + (l.leftReason ? ' (' + l.leftReason + ')' : '')],
        ['packets', fmtInt(l.packetsIn) + ' / ' + fmtInt(l.packetsOut)],
        ['loss', fmtPercent(loss) + ' (' + fmtInt(l.lost) + ')'],
        ['jitter', l.jitterMillis.toFixed(1) + ' / ' + l.maxJitterMillis.toFixed(1) + ' ms'],
        ['concealed', fmtInt(l.concealed)],
        ['discarded', fmtInt(l.discarded)],
        ['malformed', malformed],
        ['remote', l.remote || '–']
      ];
      for (const [k, v] of cells) {
        const td = el('td', k, v);
        td.dataset.field = k;
        if ((k === 'loss' && loss >= 0.01) || (k === 'malformed' && malformed !== '0')) td.classList.add('bad');
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
  }

  function renderRecordings(c, recordings) {
    const box = document.getElementById('d-recordings');
    const players = box.querySelector('.players');
    players.textContent = '';
    box.hidden = recordings.length === 0;
    for (const r of recordings) {
      const f = el('figure');
      f.appendChild(el('figcaption', null, r.extension + ' ' + (r.kind === 'said' ? 'said' : 'heard')
        + ' · ' + fmtDuration(r.durationMillis)));
      const a = el('audio');
      a.controls = true;
      a.preload = 'metadata';
      a.dataset.leg = r.extension;
      a.dataset.kind = r.kind;
      a.src = withToken('/calls/' + encodeURIComponent(c.id) + '/recordings/' + encodeURIComponent(r.extension)
        + '/' + r.kind + '.wav');
      f.appendChild(a);
      players.appendChild(f);
    }
  }

  function renderTimeline(c, legs, utterances) {
    const box = document.getElementById('d-timeline');
    box.textContent = '';
    // Nothing was said (a cross-patched call): no timeline to draw.
    for (const e of [box, box.previousElementSibling, box.nextElementSibling]) e.hidden = utterances.length === 0;
    const start = c.startedAt;
    let end = c.endedAt || Date.now();
    for (const u of utterances) end = Math.max(end, u.times.playoutEnd || 0, u.times.speechEnd || 0);
    const span = Math.max(1000, end - start);
    const pct = (t) => Math.max(0, Math.min(100, (t - start) / span * 100));
    const lanes = {};
    const extensions = legs.map((l) => l.extension);
    for (const u of utterances) {
      for (const e of [u.speaker, u.listener]) if (e && extensions.indexOf(e) < 0) extensions.push(e);
    }
    for (const e of extensions) {
      const lane = el('div', 'lane');
      lane.dataset.leg = e;
      lane.appendChild(el('span', 'lane-label', e));
      box.appendChild(lane);
      lanes[e] = lane;
    }
    utterances.forEach((u, i) => {
      const t = u.times;
      const from = t.speechStart || t.speechEnd;
      if (from && lanes[u.speaker]) {
        const b = el('div', 'block said');
        b.dataset.utterance = String(u.utteranceId);
        b.dataset.outcome = u.outcome;
        b.style.left = pct(from) + '%';
        b.style.width = Math.max(0.3, pct(t.speechEnd || from) - pct(from)) + '%';
        b.title = u.speaker + ': ' + u.text;
        b.addEventListener('click', () => highlight(i));
        lanes[u.speaker].appendChild(b);
      }
      if (t.playoutStart && lanes[u.listener]) {
        const p = el('div', 'block played');
        p.dataset.utterance = String(u.utteranceId);
        p.style.left = pct(t.playoutStart) + '%';
        p.style.width = Math.max(0.3, pct(t.playoutEnd || t.playoutStart) - pct(t.playoutStart)) + '%';
        p.title = u.listener + ' hears: ' + u.translation;
        p.addEventListener('click', () => highlight(i));
        lanes[u.listener].appendChild(p);
      }
    });
    const axis = el('div', 'axis');
    for (let k = 0; k <= 4; k++) {
      const s = el('span', null, fmtOffset(span * k / 4));
      s.style.left = (k * 25) + '%';
      axis.appendChild(s);
    }
    box.appendChild(axis);
  }

  function highlight(i) {
    const items = document.querySelectorAll('#d-transcript .utt');
    items.forEach((e, k) => e.classList.toggle('highlight', k === i));
    if (items[i]) items[i].scrollIntoView({ block: 'nearest' });
  }

  function renderTranscript(c, utterances) {
    const list = document.getElementById('d-transcript');
    list.textContent = '';
    if (utterances.length === 0) {
      list.appendChild(el('li', 'muted empty', c.mode === 'crosspatch'
        ? 'This bridge cross-patches audio as is: there is no transcript.' : 'Nobody spoke on this call.'));
      return;
    }
    for (const u of utterances) {
      const t = u.times;
      const li = el('li', 'utt');
      li.dataset.utterance = String(u.utteranceId);
      li.dataset.stage = u.outcome;
      const head = el('div', 'utt-head');
      head.appendChild(el('span', 'when', fmtOffset((t.speechStart || t.speechEnd || c.startedAt) - c.startedAt)));
      head.appendChild(el('span', null, u.speaker + ' (' + language(u.fromLanguage) + ') → ' + u.listener
        + ' (' + language(u.toLanguage) + ')'));
      const o = el('span', 'badge outcome', u.outcome);
      o.dataset.outcome = u.outcome;
      head.appendChild(o);
      const total = t.playoutStart && t.speechEnd ? t.playoutStart - t.speechEnd : null;
      head.appendChild(el('span', 'total', total === null ? '' : fmtMs(total)));
      li.appendChild(head);
      li.appendChild(el('p', 'src', u.text));
      if (u.translation) li.appendChild(el('p', 'dst translation', u.translation));
      if (u.note) li.appendChild(el('p', 'note', u.note));
      if (total) {
        const bar = el('div', 'timing');
        const parts = [['stt', t.speechEnd, t.sttFinal], ['mt', t.sttFinal, t.mtDone],
          ['tts', t.mtDone, t.ttsFirstAudio], ['queue', t.ttsFirstAudio, t.playoutStart]];
        for (const [k, a, b] of parts) {
          if (!a || !b || b < a) continue;
          const s = el('i', 'seg ' + k);
          s.style.width = ((b - a) / total * 100) + '%';
          s.title = k + ' ' + fmtMs(b - a);
          bar.appendChild(s);
        }
        li.appendChild(bar);
      }
      list.appendChild(li);
    }
  }

  function renderFaults(c, faults) {
    const list = document.getElementById('d-faults');
    list.textContent = '';
    document.getElementById('d-faults-title').hidden = faults.length === 0;
    for (const f of faults) {
      list.appendChild(el('li', null, fmtOffset(f.at - c.startedAt) + ' ' + [f.stage, f.engine].filter(Boolean).join(' ')
        + ': ' + f.message + (f.restarted ? ' (restarted)' : '')));
    }
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    load(false);
  });
  more.addEventListener('click', () => load(true));

  const params = new URLSearchParams(location.search);
  for (const [id, name] of [['f-bridge', 'bridge'], ['f-extension', 'extension'], ['f-q', 'q']]) {
    if (params.get(name)) document.getElementById(id).value = params.get(name);
  }
  load(false).then(() => {
    if (params.get('call')) show(params.get('call'));
  });
})();
