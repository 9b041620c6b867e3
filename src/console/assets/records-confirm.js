// Forms marked data-confirm (delete, annul, finalize) ask before they are sent. Without JS they are sent at once;
// the server still refuses what may not be done.
for (const form of document.querySelectorAll('form[data-confirm]')) {
  form.addEventListener('submit', (event) => {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  });
}
