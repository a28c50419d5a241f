// Progressive enhancement of the item editor: the live score (computed by
// the server's scoring engine), draft autosave, repeatable specialist rows.
// Everything works without this file; it only saves round trips.
(function () {
  'use strict';

  function debounce(fn, ms) {
    var t = null;
    var d = function () { clearTimeout(t); t = setTimeout(fn, ms); };
    d.cancel = function () { clearTimeout(t); };
    return d;
  }

  function initRows(form) {
    form.querySelectorAll('[data-add-row]').forEach(function (btn) {
      btn.hidden = false;
      btn.addEventListener('click', function () {
        var id = btn.getAttribute('data-add-row');
        var box = form.querySelector('[data-rows-for="' + CSS.escape(id) + '"]');
        var tpl = form.querySelector('template[data-row-template="' + CSS.escape(id) + '"]');
        var next = 0;
        box.querySelectorAll('[data-row]').forEach(function (r) {
          next = Math.max(next, parseInt(r.getAttribute('data-row'), 10));
        });
        var html = tpl.innerHTML.split('.999.').join('.' + next + '.').split('-999-').join('-' + next + '-')
          .split('data-row="1000"').join('data-row="' + (next + 1) + '"')
          .split(' 1000<').join(' ' + (next + 1) + '<');
        box.insertAdjacentHTML('beforeend', html);
        var first = box.lastElementChild && box.lastElementChild.querySelector('input, select');
        if (first) { first.focus(); }
      });
    });
  }

  function initEditor(form) {
    var status = document.getElementById('save-status');
    var generalBox = document.querySelector('[data-errors-general]');
    var msg = form.dataset;
    var saving = null;
    var again = false;

    function send(method, url) {
      return fetch(url, {
        method: method,
        body: new URLSearchParams(new FormData(form)),
        headers: { 'Accept': 'application/json', 'X-CSRF-Token': form.elements.csrf.value },
        credentials: 'same-origin'
      }).then(function (r) {
        return r.json().then(function (j) { return { ok: r.ok, status: r.status, body: j }; });
      });
    }

    function clearErrors() {
      form.querySelectorAll('[data-err-for]').forEach(function (p) { p.textContent = ''; });
      form.querySelectorAll('[data-errors-for]').forEach(function (d) { d.textContent = ''; });
      form.querySelectorAll('[aria-invalid="true"]').forEach(function (el) { el.removeAttribute('aria-invalid'); });
      form.querySelectorAll('.field.invalid').forEach(function (el) { el.classList.remove('invalid'); });
      if (generalBox) { generalBox.textContent = ''; }
    }

    function addText(box, text) {
      var p = document.createElement('p');
      p.className = 'err';
      p.textContent = text;
      box.appendChild(p);
    }

    function showErrors(list) {
      clearErrors();
      (list || []).forEach(function (e) {
        var target = e.name && form.querySelector('[data-err-for="' + CSS.escape(e.name) + '"]');
        if (target) {
          target.textContent = e.reason;
          // A radio or checkbox group is a list: mark each of its inputs.
          var input = form.elements[e.name];
          var inputs = input && !input.tagName && input.length !== undefined ? Array.prototype.slice.call(input) : (input ? [input] : []);
          inputs.forEach(function (el) { if (el.setAttribute) { el.setAttribute('aria-invalid', 'true'); } });
          if (target.parentElement.classList.contains('field')) { target.parentElement.classList.add('invalid'); }
          return;
        }
        var box = e.item && form.querySelector('[data-errors-for="' + CSS.escape(e.item) + '"]');
        if (box) { addText(box, e.reason); } else if (generalBox) { addText(generalBox, e.reason); }
      });
    }

    function rescore() {
      send('POST', form.dataset.scoreUrl).then(function (res) {
        if (!res.ok) { return; }
        var j = res.body;
        Object.keys(j.items).forEach(function (id) {
          var out = form.querySelector('[data-score-for="' + CSS.escape(id) + '"]');
          var info = form.querySelector('[data-info-for="' + CSS.escape(id) + '"]');
          var it = j.items[id];
          if (out) {
            out.dataset.score = it.score;
            out.textContent = it.score ? msg.msgScore.replace('%s', it.score) : msg.msgNoscore;
          }
          if (info) { info.textContent = it.info; }
          // The rater's choice of score is offered only where the rule
          // leaves it to the rater (S3 with no phase); elsewhere a stale
          // choice would be refused, so it is cleared.
          var judge = form.querySelector('[data-judge-for="' + CSS.escape(id) + '"]');
          if (judge && judge.hidden === it.judge) {
            judge.hidden = !it.judge;
            if (!it.judge) {
              var none = judge.querySelector('input[value=""]');
              if (none && !none.checked) { none.checked = true; }
            }
          }
        });
        Object.keys(j.sections).forEach(function (id) {
          var s = j.sections[id];
          var t = document.querySelector('[data-progress-for="' + CSS.escape(id) + '"]');
          var bar = document.querySelector('[data-bar-for="' + CSS.escape(id) + '"]');
          if (t) { t.textContent = s.text; }
          if (bar) { bar.max = s.items; bar.value = s.rated; }
        });
        var total = document.querySelector('[data-total]');
        if (total) { total.textContent = j.total; }
        showErrors(j.errors);
      }).catch(function () { /* the score is shown again on the next change */ });
    }

    function save() {
      if (saving) { again = true; return saving; }
      again = false;
      status.textContent = msg.msgSaving;
      saving = send('PUT', form.dataset.saveUrl).then(function (res) {
        if (res.ok) { form.elements.version.value = res.body.version; } else { showErrors(res.body.errors); }
        status.textContent = res.body.message || '';
      }).catch(function () {
        status.textContent = msg.msgOffline;
      }).then(function () {
        saving = null;
        if (again) { save(); }
      });
      return saving;
    }

    var scoreSoon = debounce(rescore, 250);
    var saveSoon = debounce(save, 1200);
    function changed(ev) {
      var t = ev.target;
      if (t && t.name && t.name.indexOf('el.') === 0 && t.checked) {
        var assessed = form.elements['elr.' + t.name.slice(3)];
        if (assessed) { assessed.checked = true; }
      }
      scoreSoon();
      saveSoon();
    }
    form.addEventListener('input', changed);
    form.addEventListener('change', changed);
    form.addEventListener('submit', function (ev) {
      saveSoon.cancel();
      if (saving) {
        // Wait for the draft in flight, so the form posts the new version.
        ev.preventDefault();
        var submitter = ev.submitter;
        saving.then(function () { form.requestSubmit(submitter); });
      }
    });
  }

  var form = document.getElementById('editor');
  if (form && !form.hasAttribute('data-readonly')) {
    initRows(form);
    initEditor(form);
  }
  var summary = document.getElementById('errsummary');
  if (summary) { summary.focus(); }

  // Focus not obscured (WCAG 2.4.11): after the browser has scrolled a
  // focused control into view, move it clear of the sticky Save/Submit bar
  // when the bar is taller than the CSS scroll padding (large text).
  var bar = document.querySelector('.actions.sticky');
  if (bar) {
    document.addEventListener('focusin', function (ev) {
      var el = ev.target;
      if (!el.getBoundingClientRect || bar.contains(el)) { return; }
      requestAnimationFrame(function () {
        var r = el.getBoundingClientRect(), b = bar.getBoundingClientRect();
        if (r.bottom > b.top && r.top < b.bottom) { window.scrollBy(0, r.bottom - b.top + 8); }
      });
    });
  }
}());
