// parley dashboards: the overview of every bridge. Needs common.js.
'use strict';

(function () {
  const { el, setText, withToken, language, fmtInt, fmtPercent, meter, setMeter, connect, renderAri, renderFooter } = parley;

  const box = document.getElementById('bridges');
  const cards = {};

  function card(b) {
    const c = el('article', 'card bridge-card');
    c.dataset.bridge = b.name;
    const head = el('div', 'bridge-head');
    const h = el('h2');
    const a = el('a', null, b.name);
    a.href = withToken('/bridges/' + encodeURIComponent(b.name));
    h.appendChild(a);
    head.appendChild(h);
    const mode = el('span', 'badge mode', b.mode);
    head.appendChild(mode);
    const state = el('span', 'badge state', b.state);
    head.appendChild(state);
    const links = el('span', 'links');
    head.appendChild(links);
    c.appendChild(head);
    const table = el('table');
    const thead = el('tr');
    for (const t of ['leg', 'call', 'level in / out', 'packets in / out', 'loss', 'jitter', 'buffer / target']) {
      thead.appendChild(el('th', null, t));
    }
    table.appendChild(thead);
    c.appendChild(table);
    const last = el('p', 'last-utt');
    c.appendChild(last);
    box.appendChild(c);
    return { c, mode, state, links, table, rows: {}, last };
  }

  function row(v, leg) {
    const tr = el('tr');
    tr.dataset.leg = leg.extension;
    const cells = {};
    for (const k of ['leg', 'call', 'levels', 'packets', 'loss', 'jitter', 'buffer']) {
      cells[k] = el('td', k, k === 'levels' ? null : '–');
      tr.appendChild(cells[k]);
    }
    const mIn = meter(true);
    mIn.classList.add('in');
    const mOut = meter(true);
    mOut.classList.add('out');
    cells.levels.appendChild(mIn);
    cells.levels.appendChild(mOut);
    v.table.appendChild(tr);
    return { cells, mIn, mOut };
  }

  connect(function (doc) {
    renderAri(doc.ari);
    renderFooter(doc);
    for (const b of doc.bridges) {
      const v = cards[b.name] || (cards[b.name] = card(b));
      setText(v.mode, b.mode);
      v.state.dataset.state = b.state;
      setText(v.state, b.state);
      v.links.replaceChildren();
      if (b.dashboardPort !== null) {
        const a = el('a', null, 'dashboard :' + b.dashboardPort);
        a.href = withToken(location.protocol + '//' + location.hostname + ':' + b.dashboardPort + '/');
        v.links.appendChild(a);
      }
      if (b.feedPort !== null) v.links.appendChild(el('span', 'muted', 'feed :' + b.feedPort));
      for (const leg of b.legs) {
        const r = v.rows[leg.extension] || (v.rows[leg.extension] = row(v, leg));
        setText(r.cells.leg, leg.extension + (leg.language ? ' ' + leg.language : ''));
        r.cells.leg.title = language(leg.language);
        setText(r.cells.call, leg.call.active ? 'in call' : '–');
        const s = leg.stats;
        if (s) {
          setMeter(r.mIn, s.levelInDbfs);
          setMeter(r.mOut, s.levelOutDbfs);
          setText(r.cells.packets, fmtInt(s.packetsIn) + ' / ' + fmtInt(s.packetsOut));
          setText(r.cells.loss, fmtPercent(s.lossRatio));
          setText(r.cells.jitter, s.jitterMillis.toFixed(1) + ' ms');
          setText(r.cells.buffer, s.bufferDepthMillis + ' / ' + s.bufferTargetMillis + ' ms');
        }
      }
      const u = b.utterances.find(function (x) { return x.finalText; });
      v.last.replaceChildren();
      if (u) {
        v.last.appendChild(document.createTextNode('Last: '));
        v.last.appendChild(el('b', null, u.finalText));
        if (u.translation) v.last.appendChild(document.createTextNode(' → ' + u.translation));
      }
    }
  });
})();
