/**
 * The script of the table form's webview (issue 21), as the text the page runs under its
 * nonce. It shows what the server sent (TableFormWire: the official layout, the values, the
 * findings, the relations) and posts each value typed back to the extension, which asks the
 * server for the edit; it checks nothing itself. It builds the table with DOM calls only (no
 * HTML from data), moves like a spreadsheet (Tab, Shift+Tab, Enter, Shift+Enter, ↑ ↓, Esc
 * reverts a cell) and sums each total's parts as they are typed, shown next to the total.
 * Plain ES2019 in a string: the webview loads no file and no remote content.
 */
export const FORM_SCRIPT = String.raw`(function () {
  'use strict';
  var vscode = acquireVsCodeApi();
  var strings = JSON.parse(document.getElementById('nianbao-strings').textContent);
  var root = document.getElementById('form');
  var here = document.getElementById('here');
  var status = document.getElementById('status');
  var form;
  var inputs = [];
  var byKey = {};
  var committed = {};
  /** Set while a re-render gives the focus back: the cell keeps what is being typed, unselected. */
  var restoring = false;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** The number a typed value holds: digits only (full-width ones too), thousands separators allowed; else none. */
  function numberOf(text) {
    var t = String(text).replace(/[\uff10-\uff19]/g, function (d) { return String.fromCharCode(d.charCodeAt(0) - 0xfee0); }).replace(/[\s,\uff0c]/g, '');
    return /^\d+$/.test(t) ? Number(t) : undefined;
  }

  function severityOf(indexes) {
    var order = ['error', 'warning', 'info', 'hint'];
    var worst = 4;
    indexes.forEach(function (i) { worst = Math.min(worst, order.indexOf(form.findings[i].severity)); });
    return order[worst];
  }

  /** Sums the parts of every total as typed; each total shows its sum when it differs from what is written. */
  function computeTotals() {
    form.relations.forEach(function (relation) {
      var target = byKey[relation.target];
      if (!target) return;
      var sum = 0;
      var complete = relation.plus.concat(relation.minus).every(function (key) { return byKey[key] && numberOf(byKey[key].input.value) !== undefined; });
      if (complete) {
        relation.plus.forEach(function (key) { sum += numberOf(byKey[key].input.value); });
        relation.minus.forEach(function (key) { sum -= numberOf(byKey[key].input.value); });
      }
      var written = numberOf(target.input.value);
      var badge = target.computed;
      if (!complete) { badge.textContent = ''; badge.className = 'computed'; return; }
      if (written === sum) { badge.textContent = '\u2713'; badge.className = 'computed ok'; badge.title = strings.totalHolds; return; }
      badge.textContent = '= ' + sum;
      badge.className = 'computed differs';
      badge.title = strings.computedTotal.replace('{0}', String(sum));
    });
  }

  function describe(entry) {
    here.textContent = entry.value.name + (entry.value.findings.length ? ' \u2014 ' + entry.value.findings.map(function (i) { return form.findings[i].message; }).join('\uff1b') : '');
  }

  function commit(entry) {
    var value = entry.input.value;
    if (value.trim() === committed[entry.value.key]) return;
    committed[entry.value.key] = value.trim();
    entry.cell.classList.add('pending');
    vscode.postMessage({ type: 'edit', key: entry.value.key, value: value });
  }

  /** The next value cell in the same layout column, below (step 1) or above (step -1). */
  function vertical(entry, step) {
    var candidates = inputs.filter(function (other) { return other.column === entry.column && (step > 0 ? other.row > entry.row : other.row < entry.row); });
    candidates.sort(function (a, b) { return step > 0 ? a.row - b.row : b.row - a.row; });
    return candidates[0];
  }

  function focusEntry(entry) {
    if (!entry) return;
    entry.input.focus();
    entry.input.select();
  }

  function onKey(entry, event) {
    if (event.key === 'Enter' || event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      commit(entry);
      focusEntry(vertical(entry, event.key === 'ArrowUp' || (event.key === 'Enter' && event.shiftKey) ? -1 : 1));
    } else if (event.key === 'Tab') {
      // Not left to the change event: a value restored by a re-render fires none on blur.
      commit(entry);
    } else if (event.key === 'Escape') {
      entry.input.value = entry.value.text;
      computeTotals();
      entry.input.select();
    }
  }

  /** Slot grid of the layout: the column each cell starts in. */
  function startColumns(rows) {
    var taken = rows.map(function () { return []; });
    return rows.map(function (row, r) {
      var c = 0;
      return row.map(function (cell) {
        while (taken[r][c]) c++;
        var start = c;
        for (var dr = 0; dr < cell.rowspan; dr++) for (var dc = 0; dc < cell.colspan; dc++) if (taken[r + dr]) taken[r + dr][c + dc] = true;
        c += cell.colspan;
        return start;
      });
    });
  }

  /**
   * Labels always in view: the header rows stick to the top of the scrolled table, the label
   * columns (left of the first value cell) to its left; the table scrolls below the header.
   */
  function pin(table) {
    root.style.maxHeight = Math.max(160, window.innerHeight - document.querySelector('header').offsetHeight - 12) + 'px';
    // Measured against the table's box (a sticky cell's offsetParent is not the table).
    var box = table.getBoundingClientRect();
    var firstValue = Infinity;
    table.querySelectorAll('td.value').forEach(function (td) { firstValue = Math.min(firstValue, td.getBoundingClientRect().left - box.left); });
    table.querySelectorAll('thead th').forEach(function (th) { th.style.top = (th.getBoundingClientRect().top - box.top) + 'px'; });
    table.querySelectorAll('th').forEach(function (th) {
      var rect = th.getBoundingClientRect();
      var left = rect.left - box.left;
      if (left < firstValue && left + rect.width <= firstValue + 1) {
        th.style.left = left + 'px';
        th.classList.add('pinned');
      }
    });
  }

  window.addEventListener('resize', function () {
    var table = root.querySelector('table');
    if (!table) return;
    var scrolled = { top: root.scrollTop, left: root.scrollLeft };
    table.querySelectorAll('th').forEach(function (th) { th.style.top = ''; th.style.left = ''; th.classList.remove('pinned'); });
    root.scrollTop = 0;
    root.scrollLeft = 0;
    pin(table);
    root.scrollTop = scrolled.top;
    root.scrollLeft = scrolled.left;
  });

  function render(next) {
    var focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.key : undefined;
    var typing = focused && byKey[focused] && byKey[focused].input.value.trim() !== byKey[focused].value.text ? byKey[focused].input.value : undefined;
    form = next;
    inputs = [];
    byKey = {};
    committed = {};
    document.title = form.title;
    document.getElementById('title').textContent = form.title;
    var table = el('table', 'official ' + form.table);
    var head = form.table === 'table2' ? 0 : form.rows.findIndex(function (row) { return row.some(function (cell) { return cell.value; }); });
    var thead = el('thead');
    var tbody = el('tbody');
    var columns = startColumns(form.rows);
    form.rows.forEach(function (row, r) {
      var tr = el('tr');
      row.forEach(function (cell, i) {
        var node;
        if (cell.value) {
          node = el('td', 'value');
          var input = el('input');
          input.type = 'text';
          input.inputMode = 'numeric';
          input.autocomplete = 'off';
          input.spellcheck = false;
          input.value = cell.value.text;
          input.dataset.key = cell.value.key;
          input.setAttribute('aria-label', cell.value.name);
          var computed = el('span', 'computed');
          computed.setAttribute('aria-live', 'polite');
          var entry = { value: cell.value, input: input, cell: node, computed: computed, row: r, column: columns[r][i] };
          if (!cell.value.editable) {
            input.readOnly = true;
            node.classList.add('readonly');
            input.title = strings.notEditable;
          }
          if (cell.value.findings.length) {
            var severity = severityOf(cell.value.findings);
            node.classList.add('finding', 'finding-' + severity);
            var messages = cell.value.findings.map(function (f) { return form.findings[f].message; }).join('\n');
            input.title = messages;
            input.setAttribute('aria-invalid', severity === 'error' ? 'true' : 'false');
            input.setAttribute('aria-description', messages);
          }
          input.addEventListener('input', computeTotals);
          input.addEventListener('focus', function () { if (!restoring) input.select(); describe(entry); });
          input.addEventListener('change', function () { commit(entry); });
          input.addEventListener('keydown', function (event) { onKey(entry, event); });
          node.appendChild(input);
          node.appendChild(computed);
          inputs.push(entry);
          byKey[cell.value.key] = entry;
          committed[cell.value.key] = cell.value.text;
        } else {
          node = el('th', 'label', cell.text);
          node.scope = r < head ? 'col' : 'row';
        }
        if (cell.rowspan > 1) node.rowSpan = cell.rowspan;
        if (cell.colspan > 1) node.colSpan = cell.colspan;
        tr.appendChild(node);
      });
      (r < head ? thead : tbody).appendChild(tr);
    });
    if (head > 0) table.appendChild(thead);
    table.appendChild(tbody);
    var scrolled = { top: root.scrollTop, left: root.scrollLeft };
    root.replaceChildren(table);
    // Pinned where they stand unscrolled, then scrolled back to where the drafter was.
    root.scrollTop = 0;
    root.scrollLeft = 0;
    pin(table);
    root.scrollTop = scrolled.top;
    root.scrollLeft = scrolled.left;
    var list = document.getElementById('findings');
    list.replaceChildren();
    document.getElementById('findings-title').textContent = form.findings.length ? strings.problems.replace('{0}', String(form.findings.length)) : strings.noProblems;
    form.findings.forEach(function (finding, i) {
      var item = el('li', 'finding-item finding-' + finding.severity);
      var owner = inputs.filter(function (entry) { return entry.value.findings.indexOf(i) >= 0; })[0];
      var button = el('button', 'link', (owner ? owner.value.name + '\uff1a' : '') + finding.message + ' (' + finding.rule + ')');
      button.type = 'button';
      button.addEventListener('click', function () {
        if (owner) focusEntry(owner); else vscode.postMessage({ type: 'reveal', range: finding.range });
      });
      item.appendChild(button);
      list.appendChild(item);
    });
    computeTotals();
    if (focused && byKey[focused]) {
      var back = byKey[focused];
      restoring = true;
      if (typing !== undefined) back.input.value = typing;
      back.input.focus({ preventScroll: true });
      if (typing === undefined) back.input.select();
      else back.input.setSelectionRange(typing.length, typing.length);
      restoring = false;
      describe(back);
      computeTotals();
    }
    status.textContent = '';
  }

  window.addEventListener('message', function (event) {
    var message = event.data;
    if (message.type === 'form') render(message.form);
    else if (message.type === 'error') status.textContent = message.message;
    else if (message.type === 'focus' && byKey[message.key]) focusEntry(byKey[message.key]);
  });
  vscode.postMessage({ type: 'ready' });
})();
`;
