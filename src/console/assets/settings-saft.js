// Follows a SAF-T file being made: polls GET /console/saft/:id (JSON) until it is ready or failed, then shows the
// download. Without this script the page has a refresh link.
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
    const res = await fetch(box.dataset.statusUrl, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (res.ok && show(await res.json())) return;
  } catch {
    // A network blip: try again at the next tick.
  }
  setTimeout(poll, INTERVAL_MS);
}

if (box && box.dataset.state !== 'ready' && box.dataset.state !== 'failed') {
  document.getElementById('saft-refresh').hidden = true;
  setTimeout(poll, INTERVAL_MS);
}
