// The HTML report's script (src/render/html/report.js, embedded by mod.rs).
// It reads the JSON the report carries — the labels, the document rows and details,
// the corpus object — and draws the parts that need a hand: the document table
// (sort, filter, pages, a document's findings) and the near-duplicate clusters (their
// members, and a member's shared passages beside the representative's text).
// No request leaves the page; every text from the data goes in as text, never as HTML.
(function () {
  'use strict';

  // Positions in a row (mod.rs `Row`) and in a member and a passage (passages.rs).
  var R_PATH = 0, R_ERROR = 1, R_SCORE = 2, R_SLOTS = 3, R_MISSING = 4, R_PROFILE = 5,
    R_FINDINGS = 6;
  var M_ROW = 0, M_PATH = 1, M_SIM = 2, M_TOTAL = 3, M_CHARS = 4, M_READ = 5, M_PASSAGES = 6;
  var P_CHARS = 0, P_LINE = 1, P_REP_LINE = 2, P_RANGE = 3, P_BEYOND = 4, P_WINDOW = 5,
    P_EXCERPT = 6;

  function $(sel, root) { return (root || document).querySelector(sel); }
  var labels = JSON.parse($('#zj-labels').textContent);
  var T = labels.text;
  var zh = labels.lang === 'zh';
  var listSep = zh ? '、' : ', ';
  var nf = new Intl.NumberFormat(zh ? 'zh-CN' : 'en');

  function say(key, vars) {
    var s = T[key] || key;
    if (vars) {
      Object.keys(vars).forEach(function (k) { s = s.split('{' + k + '}').join(String(vars[k])); });
    }
    return s;
  }
  function num(n) { return nf.format(n); }

  // el('td', {class: 'num', text: '3'}, child…): an element, its text set as text.
  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'text') e.textContent = v;
        else if (k === 'class') e.className = v;
        else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), v);
        else e.setAttribute(k, v === true ? '' : v);
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return e;
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); return e; }

  // The documents: rows at once, details when a document is opened.
  var rows = [];
  var chunkStarts = [];
  document.querySelectorAll('script[data-zj="rows"]').forEach(function (s) {
    chunkStarts.push(rows.length);
    var part = JSON.parse(s.textContent);
    for (var i = 0; i < part.length; i++) rows.push(part[i]);
  });
  var detailEls = document.querySelectorAll('script[data-zj="details"]');
  var detailCache = {};
  function details(i) {
    // The chunk holding row i: the last that starts at or before it.
    var lo = 0, hi = chunkStarts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (chunkStarts[mid] <= i) lo = mid; else hi = mid - 1;
    }
    var c = lo;
    if (!(c in detailCache)) detailCache[c] = JSON.parse(detailEls[c].textContent);
    var d = detailCache[c];
    var x = d.d[i - chunkStarts[c]];
    return {
      warnings: x[0].map(function (j) { return d.s[j]; }),
      findings: x[1].map(function (f) {
        return { rule: d.s[f[0]], severity: d.s[f[1]], line: f[2], column: f[3],
          text: d.s[f[4]], message: d.s[f[5]] };
      })
    };
  }

  var corpus = JSON.parse($('#zj-corpus').textContent);
  var clusterOf = new Int32Array(rows.length).fill(-1);
  corpus.clusters.forEach(function (c, k) {
    if (c.r !== null) clusterOf[c.r] = k;
    c.members.forEach(function (m) { if (m[M_ROW] !== null) clusterOf[m[M_ROW]] = k; });
  });

  function roleLabel(i) { return labels.roles[i] ? labels.roles[i][1] : String(i); }
  function profileLabel(p) { return labels.profiles[p] || p; }
  function score(s) { return s === null ? '–' : s.toFixed(3); }

  function docLink(i, path) {
    if (i === null || i === undefined) return el('span', { class: 'path', text: path });
    return el('a', { href: '#documents', class: 'doc', 'data-doc': i, text: rows[i][R_PATH] });
  }

  // A pager: "previous", "page x of y", "next", and what is shown.
  function pager(total, state, onChange, sizes) {
    var pages = Math.max(1, Math.ceil(total / state.per));
    if (state.page >= pages) state.page = pages - 1;
    var from = total ? state.page * state.per + 1 : 0;
    var to = Math.min(total, (state.page + 1) * state.per);
    var bar = el('div', { class: 'pager' },
      el('button', { type: 'button', class: 'prev', disabled: state.page === 0, text: T.prev,
        onclick: function () { state.page--; onChange(); } }),
      el('span', { class: 'page', text: say('page', { page: num(state.page + 1), pages: num(pages) }) }),
      el('button', { type: 'button', class: 'next', disabled: state.page >= pages - 1, text: T.next,
        onclick: function () { state.page++; onChange(); } }),
      el('span', { class: 'showing', text: say('showing', { from: num(from), to: num(to), total: num(total) }) }));
    if (sizes) {
      var select = el('select', { class: 'per', 'aria-label': T['per-page'],
        onchange: function () { state.per = +select.value; state.page = 0; onChange(); } });
      sizes.forEach(function (n) {
        select.appendChild(el('option', { value: n, selected: n === state.per, text: num(n) }));
      });
      bar.appendChild(el('label', null, select, ' ' + T['per-page']));
    }
    return bar;
  }

  // ---- The document table ----
  var table = {
    sort: 'number', dir: 1, page: 0, per: 50,
    path: '', smin: '', smax: '', slots: 'any', missing: 'any', status: 'any'
  };
  var shown = [];
  var columns = [
    ['number', T['col-number'], 'num'], ['path', T['col-path'], ''], ['profile', T['col-profile'], ''],
    ['score', T['col-score'], 'num'], ['slots', T['col-slots'], 'num'],
    ['missing', T['col-missing'], ''], ['findings', T['col-findings'], 'num'],
    ['status', T['col-status'], '']
  ];
  var sortKeys = {
    number: function (i) { return i; },
    path: function (i) { return rows[i][R_PATH]; },
    profile: function (i) { return rows[i][R_PROFILE]; },
    score: function (i) { var s = rows[i][R_SCORE]; return s === null ? -1 : s; },
    slots: function (i) { return rows[i][R_SLOTS]; },
    missing: function (i) { return rows[i][R_MISSING].length; },
    findings: function (i) { return rows[i][R_FINDINGS]; },
    status: function (i) { return rows[i][R_ERROR] === null ? 0 : 1; }
  };

  function filterAndSort() {
    var needle = table.path.trim().toLowerCase();
    var smin = table.smin === '' ? null : +table.smin;
    var smax = table.smax === '' ? null : +table.smax;
    var role = table.missing === 'any' || table.missing === 'none' ? null : +table.missing;
    var out = [];
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      if (needle && r[R_PATH].toLowerCase().indexOf(needle) < 0) continue;
      if (smin !== null && !(r[R_SCORE] !== null && r[R_SCORE] >= smin)) continue;
      if (smax !== null && !(r[R_SCORE] !== null && r[R_SCORE] <= smax)) continue;
      if (table.slots === 'some' && r[R_SLOTS] === 0) continue;
      if (table.slots === 'none' && r[R_SLOTS] > 0) continue;
      if (table.missing === 'none' && r[R_MISSING].length > 0) continue;
      if (role !== null && r[R_MISSING].indexOf(role) < 0) continue;
      if (table.status === 'failed' && r[R_ERROR] === null) continue;
      if (table.status === 'read' && r[R_ERROR] !== null) continue;
      out.push(i);
    }
    var key = sortKeys[table.sort], dir = table.dir;
    out.sort(function (a, b) {
      var x = key(a), y = key(b);
      if (x < y) return -dir;
      if (x > y) return dir;
      return a - b;
    });
    shown = out;
  }

  function buildTable() {
    var root = $('#zj-documents');
    if (!root) return;
    var rolesSeen = {};
    rows.forEach(function (r) { r[R_MISSING].forEach(function (m) { rolesSeen[m] = true; }); });
    function field(label, input) { return el('label', null, label + ' ', input); }
    var path = el('input', { type: 'search', id: 'zj-f-path', value: table.path });
    var timer = null;
    path.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { table.path = path.value; table.page = 0; update(); }, 150);
    });
    function numberInput(id, key) {
      var i = el('input', { type: 'number', id: id, min: 0, max: 1, step: 0.05, value: table[key] });
      i.addEventListener('input', function () { table[key] = i.value; table.page = 0; update(); });
      return i;
    }
    function select(id, key, options) {
      var s = el('select', { id: id });
      options.forEach(function (o) { s.appendChild(el('option', { value: o[0], text: o[1], selected: table[key] === o[0] })); });
      s.addEventListener('change', function () { table[key] = s.value; table.page = 0; update(); });
      return s;
    }
    var missingOptions = [['any', T['filter-any']], ['none', T['filter-missing-none']]];
    Object.keys(rolesSeen).map(Number).sort(function (a, b) { return a - b; }).forEach(function (m) {
      missingOptions.push([String(m), roleLabel(m)]);
    });
    var filters = el('form', { class: 'filters', id: 'zj-filters', onsubmit: function (e) { e.preventDefault(); } },
      field(T['filter-path'], path),
      field(T['filter-score'], numberInput('zj-f-smin', 'smin')),
      field(T['filter-score-to'], numberInput('zj-f-smax', 'smax')),
      field(T['filter-slots'], select('zj-f-slots', 'slots',
        [['any', T['filter-any']], ['some', T['filter-slots-some']], ['none', T['filter-slots-none']]])),
      field(T['filter-missing'], select('zj-f-missing', 'missing', missingOptions)),
      field(T['filter-status'], select('zj-f-status', 'status',
        [['any', T['filter-any']], ['read', T['status-read']], ['failed', T['status-failed']]])),
      el('button', { type: 'button', id: 'zj-f-reset', text: T['filter-reset'], onclick: function () {
        table.path = table.smin = table.smax = '';
        table.slots = table.missing = table.status = 'any';
        table.page = 0;
        buildTable();
      } }));
    var head = el('tr');
    columns.forEach(function (c) {
      var th = el('th', { class: c[2], 'data-sort': c[0], scope: 'col',
        'aria-sort': table.sort === c[0] ? (table.dir > 0 ? 'ascending' : 'descending') : 'none' },
        el('button', { type: 'button', text: c[1], onclick: function () {
          if (table.sort === c[0]) table.dir = -table.dir; else { table.sort = c[0]; table.dir = c[0] === 'path' || c[0] === 'number' ? 1 : -1; }
          table.page = 0;
          buildTable();
        } }));
      head.appendChild(th);
    });
    clear(root).appendChild(filters);
    root.appendChild(el('p', { class: 'note hint', text: T['sort-hint'] }));
    root.appendChild(el('div', { class: 'scroll' },
      el('table', { class: 'list docs', id: 'zj-doc-table' }, el('thead', null, head), el('tbody'))));
    root.appendChild(el('div', { id: 'zj-doc-pager' }));
    update();
  }

  function update() {
    filterAndSort();
    var body = $('#zj-doc-table tbody');
    clear(body);
    var start = table.page * table.per;
    if (start >= shown.length) { table.page = 0; start = 0; }
    var end = Math.min(shown.length, start + table.per);
    if (!shown.length) {
      body.appendChild(el('tr', { class: 'empty' }, el('td', { colspan: columns.length, text: T['no-match'] })));
    }
    for (var k = start; k < end; k++) {
      var i = shown[k], r = rows[i];
      var failed = r[R_ERROR] !== null;
      body.appendChild(el('tr', { 'data-doc': i, tabindex: 0, class: failed ? 'failed' : null },
        el('td', { class: 'num', text: num(i + 1) }),
        el('td', { class: 'path', text: r[R_PATH] }),
        el('td', { text: r[R_PROFILE] ? profileLabel(r[R_PROFILE]) : '' }),
        el('td', { class: 'num score', text: score(r[R_SCORE]) }),
        el('td', { class: 'num slots', text: num(r[R_SLOTS]) }),
        el('td', { class: 'missing', text: r[R_MISSING].map(roleLabel).join(listSep) }),
        el('td', { class: 'num findings', text: num(r[R_FINDINGS]) }),
        el('td', { class: 'status', text: failed ? T['status-failed'] : T['status-read'] })));
    }
    clear($('#zj-doc-pager')).appendChild(pager(shown.length, table, update, [25, 50, 100, 500]));
  }

  function openDetails(i) {
    var root = $('#zj-details');
    if (!root || !rows[i]) return;
    var r = rows[i];
    var d = details(i);
    clear(root);
    root.appendChild(el('div', { class: 'details-head' },
      el('h3', { text: say('details-title', { path: r[R_PATH] }) }),
      el('button', { type: 'button', class: 'close', text: T['details-close'], onclick: function () { clear(root); } })));
    if (r[R_ERROR] !== null) root.appendChild(el('p', { class: 'error', text: say('details-error', { error: r[R_ERROR] }) }));
    if (d.warnings.length) {
      root.appendChild(el('p', { class: 'note', text: T['details-warnings'] + ' ' + d.warnings.join(listSep) }));
    }
    if (clusterOf[i] >= 0) {
      var k = clusterOf[i];
      root.appendChild(el('p', null, el('a', { href: '#clusters', class: 'cluster-link', text: say('details-cluster', { n: num(k + 1) }),
        onclick: function (e) { e.preventDefault(); openCluster(k, i); } })));
    }
    if (!d.findings.length && r[R_ERROR] === null) {
      root.appendChild(el('p', { text: T['details-none'] }));
    } else if (d.findings.length) {
      var body = el('tbody');
      d.findings.forEach(function (f) {
        body.appendChild(el('tr', { class: 'sev-' + f.severity },
          el('td', { class: 'num', text: f.line + ':' + f.column }),
          el('td', { text: f.rule }),
          el('td', { text: labels.severities[f.severity] || f.severity }),
          el('td', { class: 'text', text: f.text }),
          el('td', { text: f.message })));
      });
      root.appendChild(el('div', { class: 'scroll' }, el('table', { class: 'list findings', id: 'zj-findings' },
        el('thead', null, el('tr', null,
          el('th', { class: 'num', text: T['col-line'] }), el('th', { text: T['col-rule'] }),
          el('th', { text: T['col-severity'] }), el('th', { text: T['col-text'] }),
          el('th', { text: T['col-message'] }))), body)));
    }
    root.scrollIntoView({ block: 'start' });
  }

  // ---- Near-duplicate clusters ----
  var clusterState = { page: 0, per: 20, open: -1 };
  var memberState = { page: 0, per: 50 };

  function buildClusters() {
    var root = $('#zj-clusters');
    if (!root || !corpus.clusters.length) return;
    var body = el('tbody');
    var start = clusterState.page * clusterState.per;
    var end = Math.min(corpus.clusters.length, start + clusterState.per);
    for (var k = start; k < end; k++) {
      (function (k) {
        var c = corpus.clusters[k];
        body.appendChild(el('tr', { 'data-cluster': k, tabindex: 0, class: k === clusterState.open ? 'open' : null,
          onclick: function (e) { if (!e.target.closest('a.doc')) openCluster(k); } },
          el('td', { class: 'num', text: num(k + 1) }),
          el('td', { class: 'path' }, docLink(c.r, c.rp)),
          el('td', { class: 'num', text: num(c.n) }),
          el('td', { class: 'num', text: c.m.toFixed(3) }),
          el('td', { class: 'num', text: num(c.p) })));
      })(k);
    }
    clear(root).appendChild(el('div', { class: 'scroll' }, el('table', { class: 'list clusters', id: 'zj-cluster-table' },
      el('thead', null, el('tr', null,
        el('th', { class: 'num', text: T.cluster }), el('th', { text: T.representative }),
        el('th', { class: 'num', text: T.size }), el('th', { class: 'num', text: T['min-similarity'] }),
        el('th', { class: 'num', text: T['pairs-at-least'] }))), body)));
    if (corpus.clusters.length > clusterState.per) {
      root.appendChild(pager(corpus.clusters.length, clusterState, buildClusters));
    }
  }

  function openCluster(k, member) {
    clusterState.open = k;
    clusterState.page = Math.floor(k / clusterState.per);
    memberState.page = 0;
    var c = corpus.clusters[k];
    if (member !== undefined) {
      var at = c.members.findIndex(function (m) { return m[M_ROW] === member; });
      if (at >= 0) memberState.page = Math.floor(at / memberState.per);
    }
    buildClusters();
    buildMembers();
    clear($('#zj-compare'));
    var m = member === undefined ? -1 : c.members.findIndex(function (x) { return x[M_ROW] === member; });
    if (m >= 0) openMember(k, m);
    else $('#zj-members').scrollIntoView({ block: 'start' });
  }

  function buildMembers() {
    var root = clear($('#zj-members'));
    var k = clusterState.open;
    if (k < 0) return;
    var c = corpus.clusters[k];
    var body = el('tbody');
    var start = memberState.page * memberState.per;
    var end = Math.min(c.members.length, start + memberState.per);
    for (var j = start; j < end; j++) {
      (function (j) {
        var m = c.members[j];
        body.appendChild(el('tr', { 'data-member': j, tabindex: 0,
          onclick: function (e) { if (!e.target.closest('a.doc')) openMember(k, j); } },
          el('td', { class: 'path' }, docLink(m[M_ROW], m[M_PATH])),
          el('td', { class: 'num', text: m[M_SIM].toFixed(3) }),
          el('td', { class: 'num', text: num(m[M_TOTAL]) }),
          el('td', { class: 'num', text: num(m[M_CHARS]) })));
      })(j);
    }
    root.appendChild(el('h3', { text: say('members-of', { n: num(k + 1) }) }));
    root.appendChild(el('p', { class: 'note', text: T['choose-member'] }));
    root.appendChild(el('div', { class: 'scroll' }, el('table', { class: 'list members', id: 'zj-member-table' },
      el('thead', null, el('tr', null,
        el('th', { text: T.member }), el('th', { class: 'num', text: T.similarity }),
        el('th', { class: 'num', text: T['shared-passages'] }), el('th', { class: 'num', text: T['shared-chars'] }))), body)));
    if (c.members.length > memberState.per) root.appendChild(pager(c.members.length, memberState, buildMembers));
  }

  function pathOf(row, path) { return row === null ? path : rows[row][R_PATH]; }

  function openMember(k, j) {
    var c = corpus.clusters[k];
    var m = c.members[j];
    document.querySelectorAll('#zj-member-table tr.open').forEach(function (t) { t.classList.remove('open'); });
    var tr = $('#zj-member-table tr[data-member="' + j + '"]');
    if (tr) tr.classList.add('open');
    var root = clear($('#zj-compare'));
    root.appendChild(el('h3', { text: say('compare-title', { member: pathOf(m[M_ROW], m[M_PATH]), representative: c.rp }) }));
    var passages = m[M_PASSAGES];
    root.appendChild(el('p', { class: 'note', text: say('passages-shown',
      { shown: num(passages.length), total: num(m[M_TOTAL]), chars: num(m[M_CHARS]) }) }));
    // Left: the representative's text with this member's passages marked.
    var left = el('div', { class: 'side rep' }, el('h4', { text: T['representative-text'] }));
    if (c.t === null) {
      left.appendChild(el('p', { class: 'note', text: T['text-unavailable'] }));
    } else {
      if (c.cut !== null) left.appendChild(el('p', { class: 'note', text: say('text-cut', { chars: num(corpus.rep_text_chars) }) }));
      var marks = passages.map(function (p, n) { return { range: p[P_RANGE], n: n }; })
        .filter(function (x) { return x.range !== null; })
        .sort(function (a, b) { return a.range[0] - b.range[0]; });
      var pre = el('pre', { class: 'text', id: 'zj-rep-text' });
      var at = 0;
      marks.forEach(function (x) {
        if (x.range[0] < at) return;
        pre.appendChild(document.createTextNode(c.t.slice(at, x.range[0])));
        pre.appendChild(el('mark', { 'data-passage': x.n + 1 }, el('sup', { text: String(x.n + 1) }), c.t.slice(x.range[0], x.range[1])));
        at = x.range[1];
      });
      pre.appendChild(document.createTextNode(c.t.slice(at)));
      left.appendChild(pre);
    }
    // Right: the member's side of each passage, in a little of its context.
    var right = el('div', { class: 'side member' }, el('h4', { text: T['member-passages'] }));
    if (!m[M_READ]) right.appendChild(el('p', { class: 'note', text: T['text-unavailable'] }));
    var list = el('ol', { class: 'passages', id: 'zj-passages' });
    passages.forEach(function (p, n) {
      var w = p[P_WINDOW];
      var quote = el('blockquote', { class: 'text' });
      if (w) {
        quote.appendChild(el('span', { class: 'context', text: w[0] }));
        var mark = el('mark', null, w[1]);
        if (w[2] > 0) {
          mark.appendChild(el('span', { class: 'omitted', text: say('omitted', { n: num(w[2]) }) }));
          mark.appendChild(document.createTextNode(w[3]));
        }
        quote.appendChild(mark);
        quote.appendChild(el('span', { class: 'context', text: w[4] }));
      } else {
        quote.appendChild(el('mark', { text: p[P_EXCERPT] + '…' }));
      }
      var item = el('li', { 'data-passage': n + 1, tabindex: 0,
        onclick: function () {
          var target = $('#zj-rep-text mark[data-passage="' + (n + 1) + '"]');
          if (target) {
            document.querySelectorAll('#zj-rep-text mark.current').forEach(function (x) { x.classList.remove('current'); });
            target.classList.add('current');
            target.scrollIntoView({ block: 'center' });
          }
        } },
        el('p', { class: 'place', text: say('passage-place', { line: num(p[P_LINE]), other: num(p[P_REP_LINE]), chars: num(p[P_CHARS]) }) +
          (p[P_BEYOND] ? ' ' + T['passage-beyond-cut'] : '') }),
        quote);
      list.appendChild(item);
    });
    right.appendChild(list);
    root.appendChild(el('div', { class: 'compare' }, left, right));
    root.scrollIntoView({ block: 'start' });
  }

  // Links to documents anywhere on the page open their findings.
  document.addEventListener('click', function (e) {
    var a = e.target.closest('a.doc');
    if (a) { e.preventDefault(); openDetails(+a.getAttribute('data-doc')); return; }
    var tr = e.target.closest('#zj-doc-table tr[data-doc]');
    if (tr) openDetails(+tr.getAttribute('data-doc'));
  });
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter') return;
    var t = e.target;
    if (t.matches && t.matches('tr[tabindex], li[tabindex]')) t.click();
  });

  buildTable();
  buildClusters();
  if (corpus.clusters.length) {
    clusterState.open = 0;
    buildClusters();
    buildMembers();
  }
  document.documentElement.setAttribute('data-ready', 'true');
})();
