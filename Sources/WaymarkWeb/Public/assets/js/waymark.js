/*
 * Waymark progressive enhancement.
 *
 * Every page works without this file. It only adds GOV.UK and MoJ behaviours
 * on top of server-rendered HTML:
 *   - skip link moves focus to main content
 *   - error summary is focused on load, and its links focus the field
 *   - success notification banner is focused on load
 *   - character count under textarea[data-maxlength]
 *   - sortable tables (MoJ sortable table)
 *   - tables scroll sideways in a focusable container on narrow screens
 *   - a second click on a submit button within 1 second is ignored
 *   - Space activates links styled as buttons (a[role=button])
 *   - the GOV.UK timeout warning: "You will be signed out soon", with
 *     "Stay signed in" (WCAG 2.2.1); without it the session still ends on time
 *
 * Rules this file keeps:
 *   - No dependencies; loaded with `defer` from /assets, never inline (the
 *     Content-Security-Policy forbids inline script and style).
 *   - Never writes style attributes: it toggles classes from waymark.css.
 *   - Every feature checks that its elements exist, and runs in its own
 *     try/catch, so one failure cannot stop the others.
 */
(function () {
  'use strict';

  // Browsers too old for these get the plain, fully working HTML.
  if (!document.querySelector || !window.addEventListener || !('classList' in document.createElement('div'))) {
    return;
  }

  /* --------------------------------------------------------------------------
     Helpers
     ------------------------------------------------------------------------ */

  function each(selector, callback, root) {
    var nodes = (root || document).querySelectorAll(selector);
    for (var i = 0; i < nodes.length; i++) {
      callback(nodes[i], i);
    }
  }

  function closest(element, selector) {
    while (element && element.nodeType === 1) {
      if (matches(element, selector)) { return element; }
      element = element.parentNode;
    }
    return null;
  }

  function matches(element, selector) {
    var fn = element.matches || element.msMatchesSelector || element.webkitMatchesSelector;
    return fn ? fn.call(element, selector) : false;
  }

  function focusWithoutScroll(element) {
    try {
      element.focus({ preventScroll: true });
    } catch (e) {
      element.focus();
    }
  }

  // Make an element that is not normally focusable take focus once (from
  // script), without leaving it in the tab order afterwards. The optional
  // class lets CSS suppress a focus ring where one would only confuse.
  function focusOnce(element, className) {
    if (!element.hasAttribute('tabindex')) {
      element.setAttribute('tabindex', '-1');
      if (className) { element.classList.add(className); }
      element.addEventListener('blur', function onBlur() {
        element.removeAttribute('tabindex');
        if (className) { element.classList.remove(className); }
        element.removeEventListener('blur', onBlur);
      });
    }
    element.focus();
  }

  var uid = 0;
  function ensureId(element, prefix) {
    if (!element.id) {
      uid += 1;
      element.id = prefix + '-' + uid;
    }
    return element.id;
  }

  function safely(name, fn) {
    try {
      return fn();
    } catch (error) {
      if (window.console && window.console.error) {
        window.console.error('Waymark: ' + name + ' enhancement failed', error);
      }
      return undefined;
    }
  }

  /* --------------------------------------------------------------------------
     Skip link (GOV.UK)
     Browsers scroll to #main-content but do not all move keyboard focus to it.
     ------------------------------------------------------------------------ */

  function initSkipLinks() {
    each('.wm-skip-link', function (link) {
      link.addEventListener('click', function () {
        var href = link.getAttribute('href') || '';
        if (href.charAt(0) !== '#') { return; }
        var target = document.getElementById(href.slice(1));
        if (target) { focusOnce(target, 'wm-skip-link-focused-element'); }
      });
    });
  }

  /* --------------------------------------------------------------------------
     Error summary (GOV.UK)
     Focused on load so screen readers announce the problems first. A link in
     it focuses its field and scrolls the field's label or legend into view
     (the browser's own jump would hide the question above the field).
     ------------------------------------------------------------------------ */

  function initErrorSummary() {
    var summary = document.querySelector('[data-module="error-summary"]');
    if (!summary) { return false; }

    if (!summary.hasAttribute('tabindex')) { summary.setAttribute('tabindex', '-1'); }
    summary.focus();

    summary.addEventListener('click', function (event) {
      var link = closest(event.target, 'a');
      if (link && summary.contains(link) && focusErrorTarget(link)) {
        event.preventDefault();
      }
    });
    return true;
  }

  function focusErrorTarget(link) {
    var href = link.getAttribute('href') || '';
    if (href.charAt(0) !== '#' || href.length < 2) { return false; }

    var id = href.slice(1);
    try { id = decodeURIComponent(id); } catch (e) { /* keep it as written */ }

    var input = document.getElementById(id);
    if (!input) { return false; }

    // An error may point at a wrapper (say the date input's div): focus the
    // first field inside it instead.
    if (!matches(input, 'input, select, textarea, button, a[href], [tabindex]')) {
      input = input.querySelector('input:not([type="hidden"]), select, textarea') || input;
    }

    var labelOrLegend = associatedLabelOrLegend(input);
    if (!labelOrLegend) { return false; }

    labelOrLegend.scrollIntoView();
    focusWithoutScroll(input);
    return true;
  }

  // GOV.UK's rule: radios and checkboxes are explained by their legend; other
  // fields by their legend only if the legend is near enough to stay in view
  // with the field, otherwise by their own label.
  function associatedLabelOrLegend(input) {
    var fieldset = closest(input, 'fieldset');
    if (fieldset) {
      var legend = fieldset.getElementsByTagName('legend')[0];
      if (legend) {
        if (input.type === 'radio' || input.type === 'checkbox') { return legend; }
        var legendTop = legend.getBoundingClientRect().top;
        var rect = input.getBoundingClientRect();
        if (rect.height && window.innerHeight) {
          if (rect.top + rect.height - legendTop < window.innerHeight / 2) { return legend; }
        }
      }
    }

    if (input.labels && input.labels.length) { return input.labels[0]; }
    var labels = document.getElementsByTagName('label');
    for (var i = 0; i < labels.length; i++) {
      if (input.id && labels[i].htmlFor === input.id) { return labels[i]; }
    }
    return closest(input, 'label') || (fieldset && fieldset.getElementsByTagName('legend')[0]) || input;
  }

  /* --------------------------------------------------------------------------
     Notification banner (GOV.UK)
     A success banner ("Referral sent") is focused so it is announced, unless
     an error summary has already taken focus.
     ------------------------------------------------------------------------ */

  function initNotificationBanner(errorSummaryFocused) {
    if (errorSummaryFocused) { return; }
    var banner = document.querySelector('[data-module="notification-banner"]');
    if (!banner) { return; }
    var isSuccess = banner.classList.contains('wm-notification-banner--success') ||
      banner.getAttribute('role') === 'alert';
    if (!isSuccess || banner.getAttribute('data-disable-auto-focus') === 'true') { return; }
    focusOnce(banner);
  }

  /* --------------------------------------------------------------------------
     Character count (GOV.UK)
     The visible message updates as the user types. Screen readers get a
     separate polite live region that is only updated once typing pauses, so
     they are not interrupted on every key press. The server counts the
     trimmed text in user-perceived characters, and so does this.
     ------------------------------------------------------------------------ */

  var segmenter = null;
  if (window.Intl && typeof window.Intl.Segmenter === 'function') {
    try { segmenter = new window.Intl.Segmenter('en-GB', { granularity: 'grapheme' }); } catch (e) { segmenter = null; }
  }

  function countCharacters(text) {
    var value = text.replace(/^\s+|\s+$/g, '');
    if (segmenter) {
      var n = 0;
      var iterator = segmenter.segment(value)[Symbol.iterator]();
      while (!iterator.next().done) { n += 1; }
      return n;
    }
    return Array.from ? Array.from(value).length : value.length;
  }

  function characterCountMessage(remaining) {
    var n = Math.abs(remaining);
    var noun = n === 1 ? 'character' : 'characters';
    return remaining >= 0
      ? 'You have ' + n + ' ' + noun + ' remaining'
      : 'You have ' + n + ' ' + noun + ' too many';
  }

  function initCharacterCounts() {
    each('textarea[data-maxlength]', function (textarea) {
      if (textarea.getAttribute('data-wm-character-count') === 'on') { return; }
      var max = parseInt(textarea.getAttribute('data-maxlength'), 10);
      if (!(max > 0) || !textarea.parentNode) { return; }
      textarea.setAttribute('data-wm-character-count', 'on');

      var baseId = ensureId(textarea, 'wm-textarea');
      var hadError = textarea.classList.contains('wm-textarea--error');

      var message = document.createElement('div');
      message.id = baseId + '-character-count';
      message.className = 'wm-hint wm-character-count__message';
      message.setAttribute('aria-hidden', 'true');

      var status = document.createElement('div');
      status.id = baseId + '-character-count-status';
      status.className = 'wm-visually-hidden wm-character-count__status';
      status.setAttribute('aria-live', 'polite');

      textarea.parentNode.insertBefore(message, textarea.nextSibling);
      textarea.parentNode.insertBefore(status, message.nextSibling);

      var timer = null;

      function update(announce) {
        var remaining = max - countCharacters(textarea.value);
        var text = characterCountMessage(remaining);
        var over = remaining < 0;
        message.textContent = text;
        message.classList.toggle('wm-character-count__message--over', over);
        message.classList.toggle('wm-hint', !over);
        // Never remove an error the server reported.
        if (!hadError) { textarea.classList.toggle('wm-textarea--error', over); }
        if (announce) {
          window.clearTimeout(timer);
          timer = window.setTimeout(function () { status.textContent = text; }, 1000);
        }
      }

      textarea.addEventListener('input', function () { update(true); });
      update(false);
    });
  }

  /* --------------------------------------------------------------------------
     Table container
     Wraps each table so that, on a narrow screen or at high zoom, it scrolls
     sideways on its own instead of widening the page. While it scrolls it
     becomes a focusable, labelled region so keyboard users can scroll it.
     ------------------------------------------------------------------------ */

  var containers = [];

  function initTableContainers() {
    each('table.wm-table', function (table) {
      var parent = table.parentNode;
      if (!parent) { return; }
      if (parent.classList && parent.classList.contains('wm-table-container')) {
        containers.push(parent);
        return;
      }
      var container = document.createElement('div');
      container.className = 'wm-table-container';
      parent.insertBefore(container, table);
      container.appendChild(table);
      containers.push(container);
    });
    if (!containers.length) { return; }

    updateTableContainers();
    var pending = false;
    window.addEventListener('resize', function () {
      if (pending) { return; }
      pending = true;
      window.setTimeout(function () {
        pending = false;
        updateTableContainers();
      }, 100);
    });
  }

  function updateTableContainers() {
    for (var i = 0; i < containers.length; i++) {
      var container = containers[i];
      var scrolls = container.scrollWidth > container.clientWidth + 1;
      if (scrolls) {
        container.setAttribute('tabindex', '0');
        container.setAttribute('role', 'region');
        var caption = container.querySelector('caption');
        if (caption) {
          container.setAttribute('aria-labelledby', ensureId(caption, 'wm-table-caption'));
        } else {
          container.setAttribute('aria-label', 'Table');
        }
      } else if (container.getAttribute('role') === 'region') {
        container.removeAttribute('tabindex');
        container.removeAttribute('role');
        container.removeAttribute('aria-labelledby');
        container.removeAttribute('aria-label');
      }
    }
  }

  /* --------------------------------------------------------------------------
     Sortable table (MoJ)
     Each th[aria-sort] in the head becomes a button. Sorting reorders the
     body rows by that column's text: numbers numerically, dates written as
     "3 February 2026" by date, the rest alphabetically. A cell can give its
     own key with data-sort-value. A status region announces the new order.
     ------------------------------------------------------------------------ */

  var MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
  var DATE_PATTERN = /^(\d{1,2})\s+([a-z]+)\s+(\d{4})$/i;
  var NUMBER_PATTERN = /^[-+]?(\d+(\.\d+)?|\.\d+)$/;
  var NUMBER_WITH_UNIT_PATTERN = /^([-+]?\d+(?:\.\d+)?)\s*(%|[a-z]+)$/i;

  var collator = null;
  if (window.Intl && window.Intl.Collator) {
    try { collator = new window.Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' }); } catch (e) { collator = null; }
  }

  function sortKey(cell) {
    if (!cell) { return { kind: 2, value: '' }; }
    var raw = cell.getAttribute('data-sort-value');
    var text = (raw !== null ? raw : cell.textContent || '').replace(/\s+/g, ' ').replace(/^ | $/g, '');

    var compact = text.replace(/[,£]/g, '');
    if (NUMBER_PATTERN.test(compact)) { return { kind: 0, value: parseFloat(compact) }; }

    var date = DATE_PATTERN.exec(text);
    if (date) {
      var month = MONTHS.indexOf(date[2].slice(0, 3).toLowerCase());
      if (month !== -1) {
        return { kind: 1, value: Date.UTC(parseInt(date[3], 10), month, parseInt(date[1], 10)) };
      }
    }

    var withUnit = NUMBER_WITH_UNIT_PATTERN.exec(compact);
    if (withUnit) { return { kind: 0, value: parseFloat(withUnit[1]) }; }

    return { kind: 2, value: text };
  }

  function compareKeys(a, b) {
    if (a.kind !== b.kind) { return a.kind - b.kind; }
    if (a.kind === 2) {
      return collator ? collator.compare(a.value, b.value) : (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
    }
    return a.value - b.value;
  }

  function initSortableTables() {
    each('table[data-module="sortable-table"]', function (table) {
      if (table.getAttribute('data-wm-sortable') === 'on') { return; }
      var head = table.tHead;
      var body = table.tBodies && table.tBodies[0];
      if (!head || !body) { return; }
      var headings = head.querySelectorAll('th[aria-sort]');
      if (!headings.length) { return; }
      table.setAttribute('data-wm-sortable', 'on');

      var status = document.createElement('div');
      status.className = 'wm-visually-hidden';
      status.setAttribute('role', 'status');
      status.setAttribute('aria-live', 'polite');
      status.setAttribute('aria-atomic', 'true');
      var anchor = table.parentNode && table.parentNode.classList.contains('wm-table-container') ? table.parentNode : table;
      if (anchor.parentNode) { anchor.parentNode.insertBefore(status, anchor.nextSibling); }

      for (var i = 0; i < headings.length; i++) {
        addSortButton(table, body, headings, headings[i], status);
      }
    });
  }

  function addSortButton(table, body, headings, heading, status) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'wm-sortable-table__button';

    var label = document.createElement('span');
    label.className = 'wm-sortable-table__label';
    while (heading.firstChild) { label.appendChild(heading.firstChild); }

    var icon = document.createElement('span');
    icon.className = 'wm-sortable-table__icon';
    icon.setAttribute('aria-hidden', 'true');

    button.appendChild(label);
    button.appendChild(icon);
    heading.appendChild(button);

    button.addEventListener('click', function () {
      var column = heading.cellIndex;
      var direction = heading.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';

      var rows = [];
      for (var r = 0; r < body.rows.length; r++) {
        var row = body.rows[r];
        rows.push({ row: row, key: sortKey(row.cells[column]), position: r });
      }
      rows.sort(function (a, b) {
        var order = compareKeys(a.key, b.key);
        if (direction === 'descending') { order = -order; }
        return order || a.position - b.position; // stable for equal keys
      });

      var fragment = document.createDocumentFragment();
      for (var k = 0; k < rows.length; k++) { fragment.appendChild(rows[k].row); }
      body.appendChild(fragment);

      for (var h = 0; h < headings.length; h++) { headings[h].setAttribute('aria-sort', 'none'); }
      heading.setAttribute('aria-sort', direction);

      var name = (label.textContent || '').replace(/\s+/g, ' ').replace(/^ | $/g, '');
      status.textContent = 'Sorted by ' + name + ', ' + direction;
    });
  }

  /* --------------------------------------------------------------------------
     Prevent double submit (GOV.UK button)
     A second click within a second is usually an impatient double click and
     would send the form twice. Delegated from the document so it also covers
     buttons added later.
     ------------------------------------------------------------------------ */

  var DEBOUNCE_MS = 1000;
  var lastAccepted = typeof window.WeakMap === 'function' ? new window.WeakMap() : null;

  function initPreventDoubleClick() {
    document.addEventListener('click', function (event) {
      var button = closest(event.target, 'button[data-prevent-double-click]');
      if (!button || button.getAttribute('data-prevent-double-click') === 'false') { return; }
      var now = Date.now();
      var last = lastAccepted ? lastAccepted.get(button) : button.wmLastAccepted;
      if (last && now - last < DEBOUNCE_MS) {
        event.preventDefault();
        return;
      }
      if (lastAccepted) { lastAccepted.set(button, now); } else { button.wmLastAccepted = now; }
    });
  }

  /* --------------------------------------------------------------------------
     Link buttons (GOV.UK)
     a[role=button] looks like a button, so Space must work as on a button.
     ------------------------------------------------------------------------ */

  function initLinkButtons() {
    document.addEventListener('keydown', function (event) {
      var isSpace = event.key === ' ' || event.key === 'Spacebar' || event.keyCode === 32;
      if (!isSpace) { return; }
      var target = event.target;
      if (target && target.nodeType === 1 && target.tagName === 'A' && target.getAttribute('role') === 'button') {
        event.preventDefault();
        target.click();
      }
    });
  }

  /* --------------------------------------------------------------------------
     Timeout warning (GOV.UK pattern). The server decides how long is left
     (GET /account/session, which does not itself extend the session); this
     only tells the person in time and lets them stay.
     ------------------------------------------------------------------------ */

  function initTimeoutWarning() {
    var body = document.body;
    var statusURL = body.getAttribute('data-session-status');
    var extendURL = body.getAttribute('data-session-extend');
    var csrfInput = document.querySelector('.wm-header__signout input[name="_csrf"]');
    if (!statusURL || !extendURL || !csrfInput || !window.fetch || !window.JSON) { return; }
    var dialog = null;
    var countdown = null;
    var timer = null;

    function close() {
      if (dialog) { dialog.parentNode.removeChild(dialog); dialog = null; }
    }

    function signedOut() {
      window.location.href = '/sign-in?ended=idle';
    }

    function stay() {
      var form = new URLSearchParams();
      form.append('_csrf', csrfInput.value);
      fetch(extendURL, { method: 'POST', credentials: 'same-origin', headers: { 'Accept': 'application/json' }, body: form })
        .then(function () { close(); schedule(60); })
        .catch(function () { close(); schedule(60); });
    }

    function show(secondsLeft) {
      if (!dialog) {
        dialog = document.createElement('div');
        dialog.className = 'wm-timeout-warning';
        dialog.setAttribute('role', 'alertdialog');
        dialog.setAttribute('aria-modal', 'true');
        dialog.setAttribute('aria-labelledby', 'wm-timeout-title');
        dialog.setAttribute('aria-describedby', 'wm-timeout-text');
        var box = document.createElement('div');
        box.className = 'wm-timeout-warning__box';
        var title = document.createElement('h2');
        title.className = 'wm-heading-m';
        title.id = 'wm-timeout-title';
        title.textContent = 'You will be signed out soon';
        countdown = document.createElement('p');
        countdown.className = 'wm-body';
        countdown.id = 'wm-timeout-text';
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'wm-button';
        button.textContent = 'Stay signed in';
        button.addEventListener('click', stay);
        var out = document.createElement('a');
        out.className = 'wm-link';
        out.href = '#';
        out.textContent = 'Sign out now';
        out.addEventListener('click', function (event) {
          event.preventDefault();
          var signOut = document.querySelector('.wm-header__signout');
          if (signOut) { signOut.submit(); }
        });
        box.appendChild(title);
        box.appendChild(countdown);
        box.appendChild(button);
        box.appendChild(document.createTextNode(' '));
        box.appendChild(out);
        dialog.appendChild(box);
        body.appendChild(dialog);
        button.focus();
      }
      var minutes = Math.floor(secondsLeft / 60);
      var seconds = secondsLeft % 60;
      countdown.textContent = 'To protect the records Waymark holds, you will be signed out in ' +
        (minutes > 0 ? minutes + (minutes === 1 ? ' minute ' : ' minutes ') : '') + seconds + (seconds === 1 ? ' second' : ' seconds') +
        ' unless you choose to stay signed in. Anything you have not saved will be lost.';
    }

    function check() {
      fetch(statusURL, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (response) {
          if (response.redirected || !response.ok) { signedOut(); return null; }
          return response.json();
        })
        .then(function (status) {
          if (!status) { return; }
          if (status.secondsLeft <= 0) { signedOut(); return; }
          if (status.secondsLeft <= status.warnAt) {
            show(status.secondsLeft);
            schedule(Math.min(15, status.secondsLeft));
          } else {
            close();
            schedule(Math.max(15, Math.min(300, status.secondsLeft - status.warnAt)));
          }
        })
        .catch(function () { schedule(60); });
    }

    function schedule(seconds) {
      if (timer) { window.clearTimeout(timer); }
      timer = window.setTimeout(check, seconds * 1000);
    }

    schedule(60);
  }

  /* --------------------------------------------------------------------------
     Start
     Tables are wrapped before they are made sortable, and focus moves last,
     after the page has its final shape.
     ------------------------------------------------------------------------ */

  function init() {
    safely('skip link', initSkipLinks);
    safely('table container', initTableContainers);
    safely('sortable table', initSortableTables);
    safely('character count', initCharacterCounts);
    safely('prevent double click', initPreventDoubleClick);
    safely('link button', initLinkButtons);
    safely('timeout warning', initTimeoutWarning);
    var errorSummaryFocused = safely('error summary', initErrorSummary) === true;
    safely('notification banner', function () { initNotificationBanner(errorSummaryFocused); });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
