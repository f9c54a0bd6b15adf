// parley dashboards: the page of one bridge (legs, engines, transcripts, latency). Needs common.js.
'use strict';

(function () {
  const {
    BRIDGE, STAGES, STAGE_NAMES, FLOOR_DBFS, el, svg, setText, withToken, language, fmtInt, fmtMs, fmtPercent,
    meter, setMeter, fmtDbfs, connect, renderAri, renderFooter
  } = parley;

  const legsBox = document.getElementById('legs');
  const legViews = {};

  function legView(leg) {
    const card = el('article', 'card leg');
    card.dataset.leg = leg.extension;
    const head = el('div', 'leg-head');
    head.appendChild(el('h2', null, leg.extension));
    const lang = el('span', 'lang', language(leg.language));
    head.appendChild(lang);
    const codec = el('span', 'codec', leg.codec);
    head.appendChild(codec);
    const call = el('span', 'badge call', 'no call');
    head.appendChild(call);
    card.appendChild(head);

    const meters = {};
    for (const dir of ['in', 'out']) {
      const row = el('div', 'meter-row');
      row.appendChild(el('span', 'label', dir));
      const m = meter(false);
      m.classList.add(dir);
      row.appendChild(m);
      const value = el('span', 'value', '–');
      row.appendChild(value);
      card.appendChild(row);
      meters[dir] = { meter: m, value: value };
    }
    const spark = svg('svg', { 'class': 'spark', viewBox: '0 0 120 40', preserveAspectRatio: 'none' });
    const lineIn = svg('polyline', { 'class': 'in', points: '' });
    const lineOut = svg('polyline', { 'class': 'out', points: '' });
    spark.appendChild(lineIn);
    spark.appendChild(lineOut);
    card.appendChild(spark);

    const dl = el('dl', 'stats');
    const fields = {};
    for (const [key, label] of [['packetsIn', 'packets in'], ['packetsOut', 'packets out'], ['lost', 'lost'],
      ['jitter', 'jitter'], ['buffer', 'buffer depth / target'], ['late', 'late'],
      ['concealed', 'concealed'], ['discarded', 'discarded'], ['dupre', 'dup. / reordered'],
      ['malformed', 'malformed']]) {
      const d = el('div');
      d.appendChild(el('dt', null, label));
      const dd = el('dd', null, '–');
      dd.dataset.field = key;
      d.appendChild(dd);
      dl.appendChild(d);
      fields[key] = dd;
    }
    card.appendChild(dl);
    const remote = el('div', 'remote', 'no RTP yet');
    card.appendChild(remote);
    legsBox.appendChild(card);
    return { card, lang, codec, call, meters, lineIn, lineOut, fields, remote };
  }

  function sparkPoints(values) {
    const n = values.length;
    if (n < 2) return '';
    const pts = [];
    for (let i = 0; i < n; i++) {
      const x = 120 - (n - 1 - i) * (120 / 119);
      const lit = Math.max(0, Math.min(1, (values[i] - FLOOR_DBFS) / -FLOOR_DBFS));
      pts.push(x.toFixed(1) + ',' + (38 - lit * 36).toFixed(1));
    }
    return pts.join(' ');
  }

  function renderLeg(leg) {
    const v = legViews[leg.extension] || (legViews[leg.extension] = legView(leg));
    setText(v.lang, language(leg.language));
    v.call.dataset.active = String(leg.call.active);
    setText(v.call, leg.call.active ? 'in call' : (leg.call.detail && leg.call.detail.indexOf('refused') >= 0 ? 'refused' : 'no call'));
    v.call.title = leg.call.channelId || '';
    const s = leg.stats;
    if (!s) return;
    setText(v.codec, s.codec);
    setMeter(v.meters.in.meter, s.levelInDbfs);
    setMeter(v.meters.out.meter, s.levelOutDbfs);
    setText(v.meters.in.value, fmtDbfs(s.levelInDbfs));
    setText(v.meters.out.value, fmtDbfs(s.levelOutDbfs));
    v.lineIn.setAttribute('points', sparkPoints(leg.levelHistory.in));
    v.lineOut.setAttribute('points', sparkPoints(leg.levelHistory.out));
    setText(v.fields.packetsIn, fmtInt(s.packetsIn));
    setText(v.fields.packetsOut, fmtInt(s.packetsOut));
    setText(v.fields.lost, fmtInt(s.lost) + ' (' + fmtPercent(s.lossRatio) + ')');
    v.fields.lost.classList.toggle('bad', s.lossRatio >= 0.01);
    setText(v.fields.jitter, s.jitterMillis.toFixed(1) + ' ms');
    setText(v.fields.buffer, s.bufferDepthMillis + ' / ' + s.bufferTargetMillis + ' ms');
    setText(v.fields.late, fmtInt(s.late));
    setText(v.fields.concealed, fmtInt(s.concealed));
    setText(v.fields.discarded, fmtInt(s.discarded));
    setText(v.fields.dupre, fmtInt(s.duplicates) + ' / ' + fmtInt(s.reordered));
    let malformed = 0;
    for (const k in s.malformed) malformed += s.malformed[k];
    setText(v.fields.malformed, fmtInt(malformed));
    v.fields.malformed.title = Object.keys(s.malformed).map(function (k) { return k + ': ' + s.malformed[k]; }).join(', ');
    setText(v.remote, s.remote ? 'RTP from ' + s.remote : 'no RTP yet');
  }

  function renderEngines(engines) {
    const list = document.getElementById('engines');
    if (!engines.length) return;
    list.replaceChildren();
    for (const e of engines) {
      const li = el('li', e.available ? 'available' : 'unavailable');
      li.appendChild(el('span', 'dot'));
      li.appendChild(el('span', 'what', language(e.language) + ' ' + (STAGE_NAMES[e.stage] || e.stage) + ':'));
      if (e.available) {
        li.appendChild(el('span', 'engine', e.engine));
      } else {
        // The reason says why and how to enable it; name the engine only when one was configured.
        const what = e.engine && e.engine !== 'none' ? e.engine + ' unavailable' : '';
        const why = e.reason || (what ? '' : 'none configured');
        li.appendChild(el('span', 'reason', [what, why].filter(Boolean).join(' — ')));
      }
      list.appendChild(li);
    }
  }

  const uttViews = new Map();

  function fillUtterance(li, u, scale) {
    li.dataset.stage = u.stage;
    const head = el('div', 'utt-head');
    head.appendChild(el('span', 'dir', u.direction.replace('->', ' → ')));
    head.appendChild(el('span', 'langs', language(u.fromLanguage) + ' → ' + language(u.toLanguage)));
    head.appendChild(el('span', 'badge stage', u.stage));
    head.appendChild(el('span', 'total', u.durations.totalMillis !== null ? fmtMs(u.durations.totalMillis) : ''));
    const parts = [head];
    if (u.finalText) {
      parts.push(el('p', 'src final', u.finalText));
    } else if (u.partialText) {
      parts.push(el('p', 'src partial', u.partialText + ' …'));
    }
    if (u.translation) parts.push(el('p', 'dst translation', u.translation));
    if (u.note) parts.push(el('p', 'note', u.note));
    const bar = el('div', 'timing');
    for (const [cls, key] of STAGES) {
      const ms = u.durations[key];
      if (ms === null || ms === undefined) continue;
      const seg = el('span', 'seg ' + cls);
      seg.style.width = Math.max(0.5, (ms / scale) * 100).toFixed(2) + '%';
      seg.title = cls + ' ' + fmtMs(ms);
      seg.dataset.millis = String(ms);
      bar.appendChild(seg);
    }
    parts.push(bar);
    li.replaceChildren.apply(li, parts);
  }

  // Utterances are updated in place, keyed by id, so that text stays selectable while updates stream in.
  function renderUtterances(utterances) {
    const list = document.getElementById('utterances');
    if (!utterances.length) return;
    let scale = 1000;
    for (const u of utterances) {
      if (u.durations.totalMillis) scale = Math.max(scale, u.durations.totalMillis);
    }
    const empty = list.querySelector('.empty');
    if (empty) empty.remove();
    const keep = new Set();
    utterances.forEach(function (u, i) {
      const key = String(u.id);
      keep.add(key);
      let view = uttViews.get(key);
      if (!view) {
        const li = el('li', 'utt');
        li.dataset.id = key;
        view = { li: li, signature: '' };
        uttViews.set(key, view);
      }
      const signature = JSON.stringify([u.stage, u.partialText, u.finalText, u.translation, u.note, u.durations, scale]);
      if (signature !== view.signature) {
        fillUtterance(view.li, u, scale);
        view.signature = signature;
      }
      if (list.children[i] !== view.li) list.insertBefore(view.li, list.children[i] || null);
    });
    for (const [key, view] of uttViews) {
      if (!keep.has(key)) {
        view.li.remove();
        uttViews.delete(key);
      }
    }
  }

  function renderHistogram(latency) {
    const box = document.getElementById('histogram');
    const total = latency.stages.total;
    const bounds = latency.boundsMillis;
    if (!box.childElementCount) {
      const labels = el('div', 'histogram-labels');
      for (let i = 0; i <= bounds.length; i++) {
        const col = el('div', 'col');
        col.appendChild(el('span', 'n', ''));
        const bar = el('div', 'bar');
        bar.style.height = '0%';
        col.appendChild(bar);
        box.appendChild(col);
        labels.appendChild(el('span', null, i < bounds.length ? '≤' + fmtMs(bounds[i]).replace(' ', '') : '>' + fmtMs(bounds[bounds.length - 1]).replace(' ', '')));
      }
      box.after(labels);
    }
    const max = Math.max(1, Math.max.apply(null, total.counts));
    total.counts.forEach(function (n, i) {
      const col = box.children[i];
      setText(col.firstChild, n ? String(n) : '');
      col.lastChild.style.height = ((n / max) * 100).toFixed(1) + '%';
      col.lastChild.dataset.count = String(n);
    });
    if (total.count) {
      const parts = ['stt', 'mt', 'tts', 'queue'].map(function (k) {
        const h = latency.stages[k];
        return (STAGE_NAMES[k] || k) + ' ' + (h.count ? fmtMs(h.sumMillis / h.count) : '–');
      });
      setText(document.getElementById('hist-summary'), total.count + ' utterances, mean ' + fmtMs(total.sumMillis / total.count)
        + ' (' + parts.join(', ') + ')');
    }
  }

  function renderFaults(faults) {
    document.getElementById('faults-title').hidden = !faults.length;
    const list = document.getElementById('faults');
    list.replaceChildren.apply(list, faults.slice(0, 8).map(function (f) {
      return el('li', null, new Date(f.at).toLocaleTimeString() + ' ' + f.stage + ' ' + f.engine + ': ' + f.message
        + (f.restarted ? ' (restarted)' : ''));
    }));
  }

  // A transcript log that cannot be written (a full or read-only disk) is said at the top of the page.
  function renderTranscript(t) {
    const alert = document.getElementById('transcript-alert');
    const failing = !!t && t.state === 'failing';
    alert.hidden = !failing;
    if (!failing) return;
    setText(alert, 'Transcripts are not being saved to ' + t.file + ': ' + t.detail
      + (t.since ? ' (since ' + new Date(t.since).toLocaleTimeString() + ')' : '')
      + '. ' + t.pending + ' waiting' + (t.lost ? ', ' + t.lost + ' lost' : '') + '. Calls are not affected.');
  }

  connect(function (doc) {
    renderAri(doc.ari);
    renderFooter(doc);
    const b = doc.bridges.find(function (x) { return x.name === BRIDGE; });
    if (!b) return;
    setText(document.getElementById('mode'), b.mode || 'unknown mode');
    const state = document.getElementById('state');
    state.dataset.state = b.state;
    setText(state, b.state);
    setText(document.getElementById('state-detail'), b.stateDetail || '');
    renderTranscript(b.transcript);
    b.legs.forEach(renderLeg);
    const translated = b.mode === 'translate';
    document.getElementById('translation').hidden = !translated;
    document.getElementById('crosspatch-note').hidden = b.mode !== 'crosspatch';
    if (translated) {
      renderEngines(b.engines);
      renderUtterances(b.utterances);
      renderHistogram(b.latency);
      renderFaults(b.faults);
    }
  });
  document.getElementById('overview-link').href = withToken('/overview');
})();
