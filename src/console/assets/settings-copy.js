// The "copy" button of a secret shown once (an API key, a webhook secret): shown only where the clipboard works.
// (Its wrapper carries `hidden`: `.btn` sets a display that would override the attribute on the button itself.)
for (const button of document.querySelectorAll('button[data-copy]')) {
  const field = document.getElementById(button.dataset.copy);
  const wrap = button.closest('[data-copy-wrap]');
  const done = wrap?.parentElement?.querySelector('[data-copied]');
  if (!field || !navigator.clipboard) continue;
  if (wrap) wrap.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      if (done) done.hidden = false;
    } catch {
      // No permission: the field stays selected for a manual copy.
      field.select();
    }
  });
}
