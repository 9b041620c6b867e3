// The console shell's script (an ES module). Areas' modules may import it:
//   import { csrfToken, fetchJson } from '/console/assets/shell.js';
// Everything works without it; it only adds what needs JS.

/** The page's CSRF token (from <meta name="csrf-token">), for the x-csrf-token header of a fetch. */
export function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.getAttribute('content') || '' : '';
}

/**
 * fetch() with the CSRF header and JSON both ways. Resolves to { status, body }; a 401 (session ended) sends the
 * browser to the sign-in page, back here afterwards.
 */
export async function fetchJson(url, opts = {}) {
  const headers = { accept: 'application/json', 'x-csrf-token': csrfToken(), ...(opts.headers || {}) };
  let body = opts.body;
  if (body !== undefined && !(body instanceof FormData) && typeof body !== 'string') {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(body);
  }
  const res = await fetch(url, { ...opts, headers, body, credentials: 'same-origin' });
  if (res.status === 401) {
    const next = location.pathname + location.search;
    location.assign('/console/sign-in?next=' + encodeURIComponent(next));
  }
  let parsed;
  const type = res.headers.get('content-type') || '';
  parsed = type.includes('application/json') ? await res.json() : await res.text();
  return { status: res.status, body: parsed };
}

// Buttons and links with data-confirm="…" ask before going on (e.g. cancelling a document).
document.addEventListener('click', (event) => {
  const el = event.target instanceof Element ? event.target.closest('[data-confirm]') : null;
  if (el && !window.confirm(el.getAttribute('data-confirm') || '')) event.preventDefault();
});
