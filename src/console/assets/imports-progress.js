// Live progress of an import (server-sent events). Without JavaScript the page's refresh link does the same.
const root = document.getElementById('import');
const url = root && root.dataset.events;
if (url && 'EventSource' in window) {
  const lang = document.documentElement.lang || 'pt';
  const num = new Intl.NumberFormat(lang);
  const rate = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const bar = document.getElementById('import-progress');
  const refresh = document.getElementById('import-refresh');
  if (refresh) refresh.hidden = true;
  const set = (name, text) => {
    const el = root.querySelector(`[data-${name}]`);
    if (el) el.textContent = text;
  };
  const duration = (s) => {
    if (s === null || s === undefined) return '—';
    s = Math.max(0, Math.round(s));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const pad = (n) => String(n).padStart(2, '0');
    if (h) return `${h} h ${pad(m)} min`;
    if (m) return `${m} min ${pad(s % 60)} s`;
    return `${s} s`;
  };
  const show = (p) => {
    bar.max = p.documents || 1;
    bar.value = p.handled;
    bar.textContent = `${p.percent} %`;
    set('percent', String(p.percent));
    const template = root.dataset.countTemplate || '{handled} / {documents}';
    set('count', template.replace('{handled}', num.format(p.handled)).replace('{documents}', num.format(p.documents)));
    set('issued', num.format(p.issued));
    set('failed', num.format(p.failed));
    set('pending', num.format(p.pending));
    set('rate', p.rate === null ? '—' : `${rate.format(p.rate)} doc/s`);
    set('eta', duration(p.etaSeconds));
  };
  const listen = () => {
    const events = new EventSource(url);
    events.addEventListener('progress', (e) => show(JSON.parse(e.data)));
    events.addEventListener('done', (e) => {
      show(JSON.parse(e.data));
      events.close();
      root.dataset.status = 'done';
      // The result (report links, documents) is drawn by the server.
      window.location.reload();
    });
    events.onerror = () => {
      if (refresh) refresh.hidden = false;
    };
  };
  // A stream opened before the page's load event would hold that event (and the browser's spinner) open.
  if (document.readyState === 'complete') listen();
  else window.addEventListener('load', listen, { once: true });
}
