// The new-document form's live parts: totals computed by the server as you type (POST /console/documents/totals,
// the same dry run the native API offers), errors beside their fields, customer and item autocomplete, adding and
// removing lines. Without this module the form still works: its buttons submit and the server re-renders it.
import { fetchJson } from '/console/assets/shell.js';

const form = document.getElementById('nd-form');
if (form) init(form);

function init(form) {
  const zeroTaxes = new Set((form.dataset.zeroTaxes || '').split(',').filter(Boolean));
  const tbody = form.querySelector('#nd-lines');
  const idOf = (name) => 'f-' + name.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '');
  let timer = null;
  let seq = 0;

  // ---- lines: renumber names/ids after adding or removing one --------------------------------------------------
  function renumber() {
    [...tbody.querySelectorAll('tr.nd-line')].forEach((tr, i) => {
      tr.dataset.line = String(i);
      for (const el of tr.querySelectorAll('[name^="lines["]')) {
        el.name = el.name.replace(/^lines\[\d+\]/, `lines[${i}]`);
        if (el.id) el.id = idOf(el.name);
      }
      for (const label of tr.querySelectorAll('label[for]')) {
        label.htmlFor = label.htmlFor.replace(/^f-lines-\d+-/, `f-lines-${i}-`);
      }
      for (const p of tr.querySelectorAll('[data-error-for^="lines["]')) {
        p.dataset.errorFor = p.dataset.errorFor.replace(/^lines\[\d+\]/, `lines[${i}]`);
        if (p.id) p.id = 'e-' + idOf(p.dataset.errorFor);
      }
      const total = tr.querySelector('[data-line-total]');
      if (total) total.dataset.testid = `line-total-${i}`;
      const remove = tr.querySelector('[data-remove-line]');
      if (remove) remove.value = `remove:${i}`;
    });
  }

  function addLine() {
    const rows = tbody.querySelectorAll('tr.nd-line');
    const copy = rows[rows.length - 1].cloneNode(true);
    for (const el of copy.querySelectorAll('input')) el.value = el.dataset.field === 'quantity' ? '1' : '';
    for (const el of copy.querySelectorAll('[data-line-net],[data-line-tax],[data-line-total]')) el.textContent = '';
    for (const p of copy.querySelectorAll('.field-error')) {
      p.textContent = '';
      p.hidden = true;
    }
    for (const el of copy.querySelectorAll('[aria-invalid]')) {
      el.removeAttribute('aria-invalid');
      el.removeAttribute('aria-describedby');
    }
    const exemption = copy.querySelector('[data-exemption] select');
    if (exemption) exemption.value = '';
    tbody.appendChild(copy);
    renumber();
    showExemption(copy);
    copy.querySelector('[data-field="description"]').focus();
  }

  function showExemption(tr) {
    const tax = tr.querySelector('[data-field="taxId"]');
    const box = tr.querySelector('[data-exemption]');
    if (!tax || !box) return;
    const select = box.querySelector('select');
    box.hidden = !zeroTaxes.has(tax.value) && !(select && select.value);
  }

  form.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button') : null;
    if (!button) return;
    if (button.hasAttribute('data-add-line')) {
      event.preventDefault();
      addLine();
      schedule();
    } else if (button.hasAttribute('data-remove-line')) {
      const rows = tbody.querySelectorAll('tr.nd-line');
      event.preventDefault();
      if (rows.length > 1) {
        button.closest('tr').remove();
        renumber();
      } else {
        for (const el of rows[0].querySelectorAll('input')) el.value = el.dataset.field === 'quantity' ? '1' : '';
      }
      schedule();
    }
  });

  // ---- totals as you type ------------------------------------------------------------------------------------------
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 350);
  }

  async function refresh() {
    const mine = ++seq;
    const data = new URLSearchParams(new FormData(form));
    data.delete('action');
    form.setAttribute('aria-busy', 'true');
    let res;
    try {
      res = await fetchJson(form.dataset.totalsUrl, {
        method: 'POST',
        body: data.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    } catch {
      return;
    } finally {
      if (mine === seq) form.removeAttribute('aria-busy');
    }
    if (mine !== seq || typeof res.body !== 'object' || !res.body) return; // a newer answer is on its way
    showErrors(res.body.errors || {});
    showTotals(res.body.totals);
    form.dispatchEvent(new CustomEvent('nd:totals', { detail: res.body }));
  }

  function showErrors(errors) {
    for (const p of form.querySelectorAll('p.field-error[data-error-for]')) {
      const field = p.dataset.errorFor;
      const message = errors[field] || '';
      p.textContent = message;
      p.hidden = !message;
      const input = form.querySelector(`[name="${CSS.escape(field)}"]:not([type="hidden"])`);
      if (input) {
        if (message) {
          input.setAttribute('aria-invalid', 'true');
          input.setAttribute('aria-describedby', p.id);
        } else if (input.getAttribute('aria-describedby') === p.id) {
          input.removeAttribute('aria-invalid');
          input.removeAttribute('aria-describedby');
        }
      }
    }
    // What belongs to no field (or to a whole line) is listed at the top.
    const box = form.querySelector('#nd-errors');
    for (const s of box.querySelectorAll('.nd-other-error')) s.remove();
    const placed = new Set([...form.querySelectorAll('p.field-error[data-error-for]')].map((p) => p.dataset.errorFor));
    for (const [field, message] of Object.entries(errors)) {
      if (placed.has(field)) continue;
      const s = document.createElement('span');
      s.className = 'nd-other-error';
      s.dataset.errorFor = field;
      s.textContent = message;
      box.appendChild(s);
    }
    box.hidden = Object.keys(errors).length === 0;
    for (const tr of tbody.querySelectorAll('tr.nd-line')) showExemption(tr);
    for (const [field] of Object.entries(errors)) {
      const m = /^lines\[(\d+)\]\.exemptionCode$/.exec(field);
      const tr = m && tbody.querySelectorAll('tr.nd-line')[Number(m[1])];
      if (tr) tr.querySelector('[data-exemption]').hidden = false;
    }
  }

  function showTotals(totals) {
    const pending = form.querySelector('[data-totals-pending]');
    const body = form.querySelector('[data-totals-body]');
    pending.hidden = !!totals;
    body.hidden = !totals;
    [...tbody.querySelectorAll('tr.nd-line')].forEach((tr, i) => {
      const l = totals && totals.lines[i];
      tr.querySelector('[data-line-net]').textContent = l ? l.net : '';
      tr.querySelector('[data-line-tax]').textContent = l ? l.tax : '';
      tr.querySelector('[data-line-total]').textContent = l ? l.total : '';
    });
    if (!totals) {
      // Stale figures are not left in the page (hidden, but read by assistive technology and tests).
      for (const dd of body.querySelectorAll('[data-total]')) dd.textContent = '';
      body.querySelector('[data-tax-summary]').replaceChildren();
      return;
    }
    const summary = body.querySelector('[data-tax-summary]');
    summary.replaceChildren(
      ...totals.taxSummary.map((g) => {
        const tr = document.createElement('tr');
        for (const [text, num] of [
          [g.label, false],
          [g.base, true],
          [g.tax, true],
        ]) {
          const td = document.createElement('td');
          td.textContent = text;
          if (num) td.className = 'num';
          tr.appendChild(td);
        }
        return tr;
      }),
    );
    for (const dd of body.querySelectorAll('[data-total]')) {
      const value = totals[dd.dataset.total];
      dd.textContent = value ?? '';
      dd.closest('[data-total-row]').hidden = value === null || value === undefined;
    }
  }

  // ---- autocomplete ------------------------------------------------------------------------------------------------
  const customers = new Map();
  const items = new Map();
  const lookups = {};

  function lookup(kind, url, q, list, fill) {
    clearTimeout(lookups[kind]);
    lookups[kind] = setTimeout(async () => {
      if (!q) return;
      const res = await fetchJson(`${url}?q=${encodeURIComponent(q)}`);
      if (!Array.isArray(res.body)) return;
      list.replaceChildren(
        ...res.body.map((x) => {
          const option = document.createElement('option');
          fill(option, x);
          return option;
        }),
      );
    }, 200);
  }

  const customerSearch = form.querySelector('#f-customerSearch');
  const contactId = form.querySelector('#f-contactId');
  customerSearch.addEventListener('input', () => {
    const picked = customers.get(customerSearch.value);
    contactId.value = picked ? String(picked.id) : '';
    if (picked) {
      schedule();
      return;
    }
    lookup(
      'customers',
      form.dataset.customersUrl,
      customerSearch.value.trim(),
      form.querySelector('#nd-customer-options'),
      (o, c) => {
        const label = c.taxId ? `${c.name} (${c.taxId})` : c.name;
        customers.set(label, c);
        o.value = label;
        if (c.city) o.label = c.city;
      },
    );
  });

  tbody.addEventListener('input', (event) => {
    const el = event.target;
    if (!(el instanceof HTMLInputElement) || el.dataset.field !== 'description') return;
    const tr = el.closest('tr');
    const picked = items.get(el.value);
    const itemId = tr.querySelector('[data-field="itemId"]');
    if (picked) {
      itemId.value = String(picked.id);
      el.value = picked.description;
      tr.querySelector('[data-field="unitPrice"]').value = picked.price;
      if (picked.taxId) tr.querySelector('[data-field="taxId"]').value = String(picked.taxId);
      showExemption(tr);
      return;
    }
    if (!el.value) itemId.value = '';
    lookup('items', form.dataset.itemsUrl, el.value.trim(), form.querySelector('#nd-item-options'), (o, x) => {
      const label = `${x.code} · ${x.description}`;
      items.set(label, x);
      o.value = label;
    });
  });

  // ---- wiring ------------------------------------------------------------------------------------------------------
  form.addEventListener('input', schedule);
  form.addEventListener('change', (event) => {
    const tr = event.target instanceof Element ? event.target.closest('tr.nd-line') : null;
    if (tr) showExemption(tr);
    schedule();
  });
}
