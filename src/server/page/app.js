// zongjie serve: the page's script. No library, no network but this service.
//
// A file dropped or chosen (or text pasted) goes to /api/lint?text=true; the answer is
// the CLI's JSON contract with the document's text added, whose findings carry byte
// offsets into that text. The findings are listed, and marked in the text; choosing
// one marks and scrolls to its span. A Word file can come back annotated from
// /api/annotate. Every text shown is a Fluent message from the service (looked up by its id with t).
'use strict';

(function () {
  const data = JSON.parse(document.getElementById('zongjie-data').textContent);
  const TOKEN_KEY = 'zongjie-token';
  const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  const $ = (id) => document.getElementById(id);

  let lang = data.lang;
  let token = takeToken();
  // What is being checked: {kind: 'file'|'paste', name, bytes?, text?, word}.
  let current = null;
  // The last record answered, and the marks of each finding in the text.
  let record = null;
  let marksByFinding = [];
  let items = [];
  // The finding chosen, kept when the same document is asked for again (a language
  // switch) and dropped for a new one.
  let chosen = -1;
  // Answers to an older request (a language switch, a second file) are dropped.
  let sequence = 0;

  function t(id) {
    const texts = data.messages[lang] || {};
    return texts[id] || id;
  }

  function severityLabel(severity) {
    switch (severity) {
      case 'error': return t('severity-error');
      case 'info': return t('severity-info');
      default: return t('severity-warning');
    }
  }

  // The token from the URL fragment (#token=…) is kept for this tab only and taken
  // out of the address bar, so it is neither bookmarked nor shown.
  function takeToken() {
    const m = /(?:^#|&)token=([^&]*)/.exec(location.hash);
    if (m) {
      let value = '';
      try { value = decodeURIComponent(m[1]); } catch (e) { value = m[1]; }
      try { sessionStorage.setItem(TOKEN_KEY, value); } catch (e) { /* storage off */ }
      history.replaceState(null, '', location.pathname + location.search);
      return value;
    }
    try { return sessionStorage.getItem(TOKEN_KEY) || ''; } catch (e) { return ''; }
  }

  function applyLang() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('page-title');
    document.querySelectorAll('[data-i18n]').forEach((el) => {
      el.textContent = t(el.dataset.i18n);
    });
    document.querySelectorAll('[data-i18n-placeholder]').forEach((el) => {
      el.placeholder = t(el.dataset.i18nPlaceholder);
    });
    document.querySelectorAll('[data-lang]').forEach((el) => {
      el.setAttribute('aria-pressed', String(el.dataset.lang === lang));
    });
  }

  function setLang(next) {
    if (next === lang) return;
    lang = next;
    const url = new URL(location.href);
    url.searchParams.set('lang', lang);
    history.replaceState(null, '', url.pathname + url.search);
    applyLang();
    // The findings' messages come from the service: ask again in the new language.
    if (current) check(true);
  }

  function status(text, kind) {
    const el = $('status');
    el.textContent = text || '';
    el.className = kind || '';
  }

  function showToken(show) {
    $('token-form').hidden = !show;
    if (show) $('token').focus();
  }

  class Failure extends Error {}

  async function call(path, init) {
    const headers = Object.assign({}, init.headers || {});
    if (token) headers.Authorization = 'Bearer ' + token;
    let resp;
    try {
      resp = await fetch(path, Object.assign({}, init, { headers }));
    } catch (e) {
      throw new Failure(t('page-network-error'));
    }
    if (!resp.ok) {
      let message = resp.status + ' ' + resp.statusText;
      try {
        const body = await resp.json();
        if (body && body.error) message = body.error;
      } catch (e) { /* not JSON: keep the status */ }
      if (resp.status === 401) {
        token = '';
        try { sessionStorage.removeItem(TOKEN_KEY); } catch (e) { /* storage off */ }
        showToken(true);
      }
      throw new Failure(message);
    }
    return resp;
  }

  function query(extra) {
    const params = new URLSearchParams(extra);
    params.set('lang', lang);
    return params.toString();
  }

  async function check(again) {
    if (!current) return;
    if (data.tokenRequired && !token) {
      showToken(true);
      status(t('page-token-needed'), 'error');
      return;
    }
    const mine = ++sequence;
    status(t('page-checking'), 'busy');
    let init;
    let params;
    if (current.kind === 'paste') {
      params = { text: 'true' };
      init = {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: current.text, name: current.name }),
      };
    } else {
      params = { text: 'true', name: current.name };
      init = {
        method: 'POST',
        headers: { 'Content-Type': current.word ? DOCX : 'application/octet-stream' },
        body: current.bytes,
      };
    }
    try {
      const resp = await call('/api/lint?' + query(params), init);
      const body = await resp.json();
      if (mine !== sequence) return;
      record = body.documents[0];
      render(again === true);
      status('');
    } catch (e) {
      if (mine !== sequence) return;
      status(e instanceof Failure ? e.message : String(e), 'error');
    }
  }

  // UTF-16 index of each byte offset of the UTF-8 text (the service counts bytes).
  function byteIndex(text, offsets) {
    const map = new Map();
    let b = 0;
    let k = 0;
    let i = 0;
    while (k < offsets.length) {
      while (k < offsets.length && offsets[k] <= b) {
        map.set(offsets[k], i);
        k++;
      }
      if (i >= text.length) break;
      const c = text.codePointAt(i);
      b += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      i += c >= 0x10000 ? 2 : 1;
    }
    for (; k < offsets.length; k++) map.set(offsets[k], text.length);
    return map;
  }

  const RANK = { info: 0, warning: 1, error: 2 };

  function worst(spans, diags) {
    let best = 'info';
    for (const s of spans) {
      const sev = diags[s.k].severity;
      if ((RANK[sev] || 0) > RANK[best]) best = sev;
    }
    return best;
  }

  function markFor(spans, diags, pin) {
    const mark = document.createElement('mark');
    mark.className = (pin ? 'pin' : 'hl') + ' sev-' + worst(spans, diags);
    mark.dataset.f = spans.map((s) => s.k).join(' ');
    mark.title = spans.map((s) => diags[s.k].message).join('\n');
    for (const s of spans) marksByFinding[s.k].push(mark);
    mark.addEventListener('click', () => select(spans[0].k, true));
    return mark;
  }

  function renderText(text, diags) {
    const box = $('text');
    box.textContent = '';
    box.classList.toggle('empty', !text);
    marksByFinding = diags.map(() => []);
    if (!text) {
      box.textContent = t('page-empty-text');
      return;
    }
    const offsets = [...new Set(diags.flatMap((d) => [d.byte_start, d.byte_end]))]
      .sort((a, b) => a - b);
    const at = byteIndex(text, offsets);
    const spans = diags
      .map((d, k) => ({ k, s: at.get(d.byte_start), e: at.get(d.byte_end) }))
      .sort((a, b) => a.s - b.s || b.e - a.e || a.k - b.k);
    const points = [...new Set([0, text.length, ...spans.flatMap((s) => [s.s, s.e])])]
      .sort((a, b) => a - b);
    const frag = document.createDocumentFragment();
    let next = 0;
    let active = [];
    for (let p = 0; p < points.length; p++) {
      const from = points[p];
      const to = p + 1 < points.length ? points[p + 1] : from;
      const pins = [];
      while (next < spans.length && spans[next].s === from) {
        const s = spans[next++];
        if (s.e > s.s) active.push(s); else pins.push(s);
      }
      if (pins.length) frag.appendChild(markFor(pins, diags, true));
      active = active.filter((s) => s.e > from);
      if (to > from) {
        const piece = text.slice(from, to);
        if (active.length) {
          const mark = markFor(active, diags, false);
          mark.textContent = piece;
          frag.appendChild(mark);
        } else {
          frag.appendChild(document.createTextNode(piece));
        }
      }
    }
    box.appendChild(frag);
  }

  // "“old” → “new”" for each replacement of a fix, the old text cut from the
  // document's UTF-8 bytes at the replacement's byte offsets.
  function fixText(d, bytes) {
    if (!d.fix || !d.fix.length) return '';
    const decoder = new TextDecoder();
    const quote = (s) => t('quote-open') + s + t('quote-close');
    return d.fix.map((r) => {
      const old = bytes ? decoder.decode(bytes.subarray(r.byte_start, r.byte_end)) : '';
      return quote(old) + ' → ' + quote(r.replacement);
    }).join(t('list-separator'));
  }

  function renderList(diags, text) {
    const bytes = diags.some((d) => d.fix) ? new TextEncoder().encode(text) : null;
    const list = $('findings');
    list.textContent = '';
    items = diags.map((d, k) => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'finding sev-' + d.severity;
      button.dataset.f = String(k);
      const head = document.createElement('span');
      head.className = 'head';
      const loc = document.createElement('span');
      loc.className = 'loc';
      loc.textContent = d.line + ':' + d.column;
      const sev = document.createElement('span');
      sev.className = 'sev';
      sev.textContent = severityLabel(d.severity);
      const rule = document.createElement('code');
      rule.className = 'rule';
      rule.textContent = d.check ? d.rule + '/' + d.check : d.rule;
      head.append(loc, sev, rule);
      if (d.text) {
        const quote = document.createElement('span');
        quote.className = 'quote';
        const chars = [...d.text];
        const shown = chars.length > 30 ? chars.slice(0, 30).join('') + '…' : d.text;
        quote.textContent = t('quote-open') + shown + t('quote-close');
        head.appendChild(quote);
      }
      const msg = document.createElement('span');
      msg.className = 'msg';
      msg.textContent = d.message;
      button.append(head, msg);
      const fix = fixText(d, bytes);
      if (fix) {
        const f = document.createElement('span');
        f.className = 'fix';
        f.textContent = t('page-fix') + t('colon') + fix;
        button.appendChild(f);
      }
      button.addEventListener('click', () => select(k, false));
      li.appendChild(button);
      list.appendChild(li);
      return button;
    });
    $('count').textContent = String(diags.length);
    $('no-findings').hidden = diags.length > 0;
  }

  function select(k, fromText) {
    chosen = k;
    document.querySelectorAll('.active').forEach((el) => el.classList.remove('active'));
    items.forEach((b) => b.removeAttribute('aria-current'));
    const item = items[k];
    if (!item) return;
    item.classList.add('active');
    item.setAttribute('aria-current', 'true');
    const marks = marksByFinding[k] || [];
    marks.forEach((m) => m.classList.add('active'));
    if (fromText) {
      item.scrollIntoView({ block: 'nearest' });
    } else if (marks.length) {
      marks[0].scrollIntoView({ block: 'center' });
    }
  }

  function render(again) {
    const diags = record.diagnostics || [];
    $('result').hidden = false;
    $('doc-name').textContent = record.path;
    const meta = [record.format, record.encoding].filter(Boolean);
    if (record.profile) meta.push(t('page-profile') + t('colon') + record.profile);
    $('doc-meta').textContent = meta.concat(record.warnings || []).join(' · ');
    renderList(diags, record.text || '');
    renderText(record.text || '', diags);
    if (again && chosen >= 0 && chosen < diags.length) {
      select(chosen, false);
    } else {
      chosen = -1;
      $('findings').scrollTop = 0;
      $('text').scrollTop = 0;
    }
    const word = current && current.kind === 'file' && current.word;
    $('download').hidden = !word;
    $('download-hint').hidden = !word;
  }

  async function download() {
    if (!current || !current.word) return;
    status(t('page-downloading'), 'busy');
    try {
      const resp = await call('/api/annotate?' + query({ name: current.name }), {
        method: 'POST',
        headers: { 'Content-Type': DOCX },
        body: current.bytes,
      });
      const blob = await resp.blob();
      const name = fileName(resp.headers.get('Content-Disposition')) || 'annotated.zongjie.docx';
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      status(t('page-downloaded') + t('colon') + name, 'ok');
    } catch (e) {
      status(e instanceof Failure ? e.message : String(e), 'error');
    }
  }

  function fileName(disposition) {
    if (!disposition) return null;
    let m = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    if (m) {
      try { return decodeURIComponent(m[1]); } catch (e) { /* fall back */ }
    }
    m = /filename="([^"]*)"/i.exec(disposition);
    return m ? m[1] : null;
  }

  async function takeFile(file) {
    if (!file) return;
    if (file.size > data.maxBody) {
      status(t('page-too-large'), 'error');
      return;
    }
    const bytes = await file.arrayBuffer();
    const word = /\.docx$/i.test(file.name);
    current = { kind: 'file', name: file.name, bytes, word };
    check();
  }

  function wire() {
    const drop = $('drop');
    const input = $('file');
    input.addEventListener('change', () => {
      takeFile(input.files[0]);
      input.value = '';
    });
    ['dragenter', 'dragover'].forEach((type) => drop.addEventListener(type, (e) => {
      e.preventDefault();
      drop.classList.add('over');
    }));
    ['dragleave', 'drop'].forEach((type) => drop.addEventListener(type, () => {
      drop.classList.remove('over');
    }));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      const files = e.dataTransfer && e.dataTransfer.files;
      if (files && files.length) takeFile(files[0]);
    });
    // A file dropped beside the zone must not replace the page.
    ['dragover', 'drop'].forEach((type) => window.addEventListener(type, (e) => e.preventDefault()));
    $('check').addEventListener('click', () => {
      const text = $('paste').value;
      if (!text.trim()) return;
      current = { kind: 'paste', name: 'pasted.txt', text, word: false };
      check();
    });
    $('download').addEventListener('click', download);
    $('token-form').addEventListener('submit', (e) => {
      e.preventDefault();
      token = $('token').value.trim();
      try { sessionStorage.setItem(TOKEN_KEY, token); } catch (err) { /* storage off */ }
      showToken(false);
      status('');
      if (current) check(true);
    });
    document.querySelectorAll('[data-lang]').forEach((el) => {
      el.addEventListener('click', () => setLang(el.dataset.lang));
    });
  }

  applyLang();
  $('version').textContent = 'zongjie ' + data.version;
  wire();
  if (data.tokenRequired && !token) showToken(true);
}());
