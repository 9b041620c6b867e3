// Follows a SAF-T file being made: polls GET /console/saft/:id (JSON) until it is ready or failed, then shows the
// download. Without this script the page has a refresh link. A session that ended sends the browser to sign in
// (fetchJson); a refusal (403, 404) stops the polling and leaves the refresh link.
import { fetchJson } from '/console/assets/shell.js';

const box = document.getElementById('saft-file');
const INTERVAL_MS = 1000;

function show(file) {
  const state = document.getElementById('saft-state');
  box.dataset.state = file.state;
  state.textContent = state.dataset[`label${file.state[0].toUpperCase()}${file.state.slice(1)}`] ?? file.state;
  const finished = file.state === 'ready' || file.state === 'failed';
  document.getElementById('saft-progress').hidden = finished;
  document.getElementById('saft-download').hidden = file.state !== 'ready';
  document.getElementById('saft-refresh').hidden = file.state === 'ready';
  const error = document.getElementById('saft-error');
  error.textContent = file.lastError ?? '';
  error.hidden = !file.lastError;
  if (file.size !== null) document.getElementById('saft-size').textContent = `${file.size} bytes`;
  return finished;
}

async function poll() {
  try {
    const res = await fetchJson(box.dataset.statusUrl);
    if (res.status !== 200) {
      document.getElementById('saft-refresh').hidden = false;
      return;
    }
    if (show(res.body)) return;
  } catch {
    // A network blip: try again at the next tick.
  }
  setTimeout(poll, INTERVAL_MS);
}

if (box && box.dataset.state !== 'ready' && box.dataset.state !== 'failed') {
  document.getElementById('saft-refresh').hidden = true;
  setTimeout(poll, INTERVAL_MS);
}
