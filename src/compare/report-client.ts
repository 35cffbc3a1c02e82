/**
 * The script inlined into the HTML report. It reads the matrix from the page's JSON block and
 * draws, per reference plan, the filters, the heatmap (a table: names wrap instead of being
 * clipped, and it prints), a details panel for the clicked cell and the per-plan summaries;
 * the glossary of actor codes is static HTML. Plain ES2017 in a string rather than a compiled function:
 * the report must run in any browser from a file:// URL, and a function's source text is
 * rewritten by bundlers (helper calls injected), so its toString() is not safe to ship.
 *
 * Everything taken from the data is written with textContent or as an attribute, never as
 * HTML, so a plan's text cannot inject markup.
 */
export const REPORT_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var T = data.strings, X = data.extras;
  var ORDER = ['present', 'changed_responsible', 'changed_deadline', 'changed_both', 'missing'];
  var collator = new Intl.Collator(data.lang, { numeric: true, sensitivity: 'base' });

  function el(tag, attrs, children) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (attrs[k] !== null && attrs[k] !== undefined) n.setAttribute(k, String(attrs[k])); });
    (children || []).forEach(function (c) { if (c !== null) n.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return n;
  }
  function fill(s, v) { return s.replace(/\{(\w+)\}/g, function (m, k) { return Object.prototype.hasOwnProperty.call(v, k) ? String(v[k]) : m; }); }
  // Numbers as the reader's language writes them: "0,42" and "66,5%" in Russian, "0.42" in English.
  var score2 = new Intl.NumberFormat(data.lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var pct1 = new Intl.NumberFormat(data.lang, { maximumFractionDigits: 1 });
  function score(x) { return score2.format(x); }
  function pct(x) { return pct1.format(x) + '%'; }
  function date(iso) { var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || ''); return m && data.lang === 'ru' ? m[3] + '.' + m[2] + '.' + m[1] : iso; }
  /** Position in the reference plan, with the number as printed when it says more. */
  function refName(a) { return String(a.seq) + (a.number && a.number.replace(/\.$/, '') !== String(a.seq) ? ' (' + a.number + ')' : ''); }
  function actorsOf(id) { return id === null || id === undefined ? [] : (X.actors[id] || []); }

  /** The plan as a reader names it: territory and the plan id that tells copies apart. */
  function planName(d) { return (d.municipality || d.region || d.label) + ' #' + d.planId; }
  /** Region, level, act and the form the plan is read from. */
  function planMeta(d) {
    var f = X.plans[d.id] || {};
    var parts = [];
    if (d.municipality && d.region) parts.push(d.region);
    if (f.level) parts.push(T.level[f.level] || f.level);
    var actDate = f.actDate || d.actDate;
    if (f.actNumber || actDate) parts.push((f.actType || T.act) + (f.actNumber ? ' № ' + f.actNumber : '') + (actDate ? ' ' + date(actDate) : ''));
    // The kind says more than the format, except for structured files (DOCX, ODT, XLSX …).
    if (f.format) parts.push(f.kind === 'structured' ? f.format.toUpperCase() : (f.format === 'pdf' && f.kind === 'scan' ? 'PDF, ' : '') + T.kind[f.kind]);
    return parts.join(' · ');
  }

  var root = document.getElementById('report');
  root.appendChild(legend());
  if (data.blocks.length === 0) root.appendChild(el('p', { 'class': 'empty' }, [T.empty]));
  data.blocks.forEach(function (block, b) { root.appendChild(renderBlock(block, data.columns[b])); });
  document.body.setAttribute('data-rendered', 'true');

  function legend() {
    var box = el('ul', { 'class': 'legend' });
    ORDER.forEach(function (s) {
      box.appendChild(el('li', { title: T.status[s].hint }, [el('span', { 'class': 'swatch s-' + s }, [T.status[s].mark]), T.status[s].label]));
    });
    return box;
  }

  function select(cls, label, values, allLabel) {
    var s = el('select', { 'class': cls, 'aria-label': label }, [el('option', { value: '' }, [allLabel])]);
    values.forEach(function (v) { s.appendChild(el('option', { value: v[0] }, [v[1]])); });
    return el('label', {}, [label + ': ', s]);
  }
  function distinct(rows, f) {
    var seen = {};
    rows.forEach(function (r) { var v = f(r); if (v) seen[v] = true; });
    return Object.keys(seen).sort(collator.compare);
  }

  function renderBlock(block, labels) {
    var ref = block.reference;
    var section = el('section', { 'class': 'block', id: 'ref-' + ref.id });
    section.appendChild(el('h2', {}, [T.reference + ': ' + ref.label + ' #' + ref.planId]));
    if (ref.title) section.appendChild(el('p', { 'class': 'subtitle' }, [ref.title]));
    section.appendChild(el('p', { 'class': 'source' }, [T.readFrom + ' ' + ref.sourcePath + ' (' + planMeta(ref) + ')' + (otherSources(ref) ? '; ' + otherSources(ref) : '')]));
    var level = function (r) { return (X.plans[r.document.id] || {}).level; };
    var region = select('filter-region', T.filterRegion, distinct(block.rows, function (r) { return r.document.region; }).map(function (v) { return [v, v]; }), T.all);
    var lvl = select('filter-level', T.filterLevel, distinct(block.rows, level).map(function (v) { return [v, T.level[v] || v]; }), T.all);
    var muni = select('filter-municipality', T.filterMunicipality, distinct(block.rows, function (r) { return r.document.municipality; }).map(function (v) { return [v, v]; }), T.all);
    var sorter = select('sorter', T.sort, [['coverage', T.sortCoverage], ['id', T.sortId]], T.sortName);
    var shown = el('span', { 'class': 'shown' });
    section.appendChild(el('div', { 'class': 'controls' }, [region, lvl, muni, sorter, shown]));
    var mapBox = el('div', { 'class': 'heatmap-box' });
    var details = el('div', { 'class': 'details', 'aria-live': 'polite' }, [el('p', { 'class': 'hint' }, [T.hint])]);
    var summaries = el('div', { 'class': 'summaries' });
    section.appendChild(mapBox);
    section.appendChild(details);
    section.appendChild(el('h3', {}, [T.plans]));
    section.appendChild(summaries);
    section.appendChild(el('h3', {}, [T.referenceActivities]));
    section.appendChild(referenceList(block));
    var value = function (label) { return label.querySelector('select').value; };

    function draw() {
      var rows = block.rows.filter(function (r) {
        return (!value(region) || r.document.region === value(region)) && (!value(lvl) || level(r) === value(lvl))
          && (!value(muni) || r.document.municipality === value(muni));
      });
      var byName = function (a, b) { return collator.compare(planName(a.document), planName(b.document)); };
      var order = value(sorter);
      if (order === 'coverage') rows.sort(function (a, b) { return b.summary.coveragePct - a.summary.coveragePct || byName(a, b); });
      else if (order === 'id') rows.sort(function (a, b) { return a.document.planId - b.document.planId; });
      else rows.sort(byName);
      shown.textContent = fill(T.shown, { shown: rows.length, total: block.rows.length });
      mapBox.textContent = '';
      mapBox.appendChild(heatmap(block, labels, rows, function (row, i, cell) {
        Array.prototype.forEach.call(mapBox.querySelectorAll('.picked'), function (p) { p.classList.remove('picked'); });
        cell.classList.add('picked');
        showDetails(details, block, labels, row, i);
      }));
      summaries.textContent = '';
      rows.forEach(function (row) { summaries.appendChild(summaryCard(block, row)); });
    }
    [region, lvl, muni, sorter].forEach(function (s) { s.querySelector('select').addEventListener('change', draw); });
    draw();
    return section;
  }

  function heatmap(block, labels, rows, onPick) {
    var table = el('table', { 'class': 'heatmap' });
    var head = el('tr', {}, [el('th', { 'class': 'corner', scope: 'col' }, [T.planColumn])]);
    block.activities.forEach(function (a, i) {
      head.appendChild(el('th', { scope: 'col', title: refName(a) + ' ' + a.activity }, [el('div', { 'class': 'col-head' }, [labels[i]])]));
    });
    head.appendChild(el('th', { scope: 'col', 'class': 'pct' }, [T.coverColumn]));
    table.appendChild(el('thead', {}, [head]));
    var body = el('tbody', {});
    rows.forEach(function (row) {
      var d = row.document;
      var elsewhere = d.region !== block.reference.region;
      var tr = el('tr', { 'data-document': d.id, 'data-region': d.region || '' }, [el('th', { 'class': 'row-head', scope: 'row' }, [
        el('span', { 'class': 'name' }, [d.municipality || d.region || d.label]), el('span', { 'class': 'plan-id' }, ['#' + d.planId]),
        el('div', { 'class': 'plan-meta' }, [planMeta(d)]),
        elsewhere ? el('div', { 'class': 'plan-meta elsewhere' }, [T.otherRegion]) : null
      ])]);
      row.cells.forEach(function (c, i) {
        var a = block.activities[i];
        var td = el('td', { 'class': 'cell s-' + c.status, tabindex: 0, 'data-status': c.status, 'data-document': d.id, 'data-reference-activity': a.id,
          title: planName(d) + ' \u00d7 ' + labels[i] + ': ' + T.status[c.status].label + (c.score === null ? '' : ' (' + T.similarity + ' ' + score(c.score) + ')') }, [T.status[c.status].mark]);
        td.addEventListener('click', function () { onPick(row, i, td); });
        td.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onPick(row, i, td); } });
        tr.appendChild(td);
      });
      tr.appendChild(el('td', { 'class': 'pct' }, [pct(row.summary.coveragePct)]));
      body.appendChild(tr);
    });
    table.appendChild(body);
    // Totals over the plans shown: how many cover each activity, and their mean coverage.
    var foot = el('tr', { 'class': 'totals' }, [el('th', { scope: 'row', 'class': 'row-head' }, [T.plansWithActivity])]);
    block.activities.forEach(function (a, i) {
      var n = rows.filter(function (r) { return r.cells[i].status !== 'missing'; }).length;
      // May break after the slash where columns are narrow (a printed heatmap of many activities).
      foot.appendChild(el('td', { 'class': 'total', 'data-reference-activity': a.id, title: fill(T.inPlans, { n: n, total: rows.length }) }, [n + '/', el('wbr'), String(rows.length)]));
    });
    var mean = rows.length === 0 ? 0 : rows.reduce(function (s, r) { return s + r.summary.coveragePct; }, 0) / rows.length;
    foot.appendChild(el('td', { 'class': 'pct total-mean' }, ['\u2300 ' + pct(Math.round(mean * 10) / 10)]));
    table.appendChild(el('tfoot', {}, [foot]));
    return table;
  }

  function showDetails(box, block, labels, row, i) {
    var a = block.activities[i];
    var c = row.cells[i];
    box.textContent = '';
    box.classList.add('has-detail');
    box.appendChild(el('h4', {}, [planName(row.document) + ' \u00d7 ' + labels[i] + ': ', el('span', { 'class': 'tag s-' + c.status }, [T.status[c.status].label])]));
    var refActors = actorsOf(a.id), planActors = actorsOf(c.activityId);
    if (c.activityId !== null) box.appendChild(actorDiff(refActors, planActors));
    var more = c.linkedActivities > 1 ? ', ' + fill(T.moreLinked, { n: c.linkedActivities - 1 }) : '';
    var planHead = c.activityId === null ? T.planActivity : T.planActivity + ' ' + c.activitySeq + ' (' + T.similarity + ' ' + score(c.score) + more + ')';
    var table = el('table', { 'class': 'pair' }, [el('thead', {}, [el('tr', {}, [el('th', {}), el('th', { scope: 'col' }, [T.referenceActivity + ' ' + refName(a)]), el('th', { scope: 'col' }, [planHead])])])]);
    var body = el('tbody', {});
    function line(name, left, right, differs, field) {
      body.appendChild(el('tr', {}, [el('th', { scope: 'row' }, [name]),
        el('td', { 'class': differs ? 'differs' : null }, [left || '\u2014', correctedMark(a.id, field)]),
        el('td', { 'class': differs ? 'differs' : null }, [c.activityId === null ? T.noActivity : right || '\u2014', c.activityId === null ? null : correctedMark(c.activityId, field)])]));
    }
    var changedResp = c.status === 'changed_responsible' || c.status === 'changed_both';
    var changedDeadline = c.status === 'changed_deadline' || c.status === 'changed_both';
    line(T.activityText, a.activity, c.activity, false, 'activity');
    line(T.responsible, a.responsible, c.responsible, changedResp, 'responsible');
    line(T.actorCodes, refActors.join(', '), planActors.join(', '), changedResp, null);
    line(T.deadline, a.deadline, c.deadline, changedDeadline, 'deadline');
    table.appendChild(body);
    box.appendChild(table);
  }

  /** A cell corrected by hand says so, and what the file itself reads (extras.corrected). */
  function correctedMark(id, field) {
    var old = field && X.corrected && X.corrected[id] ? X.corrected[id][field] : undefined;
    if (old === undefined) return null;
    return el('span', { 'class': 'corrected', title: fill(T.corrected, { old: old }), 'aria-label': fill(T.corrected, { old: old }) }, [' \u270e']);
  }

  /** Which parties the plan dropped and added against the reference: "−ИРО +ММС". */
  function actorDiff(ref, plan) {
    var dropped = ref.filter(function (x) { return plan.indexOf(x) < 0; });
    var added = plan.filter(function (x) { return ref.indexOf(x) < 0; });
    var p = el('p', { 'class': 'diff' }, [T.actorsDiff + ': ']);
    dropped.forEach(function (x) { p.appendChild(el('span', { 'class': 'drop', title: meaning(x) }, ['\u2212' + x])); });
    added.forEach(function (x) { p.appendChild(el('span', { 'class': 'add', title: meaning(x) }, ['+' + x])); });
    if (!dropped.length && !added.length) p.appendChild(document.createTextNode(ref.length ? T.actorsSame : T.noActors));
    return p;
  }
  function meaning(code) {
    var g = X.glossary.filter(function (e) { return e.code === code; })[0];
    return g ? (data.lang === 'ru' ? g.meaningRu || g.meaningEn : g.meaningEn || g.meaningRu) || '' : '';
  }

  function summaryCard(block, row) {
    var s = row.summary;
    var card = el('article', { 'class': 'summary', 'data-document': row.document.id });
    card.appendChild(el('h4', {}, [planName(row.document)]));
    card.appendChild(el('p', { 'class': 'source' }, [planMeta(row.document) + ' \u2014 ' + row.document.sourcePath]));
    var others = otherSources(row.document);
    if (others) card.appendChild(el('p', { 'class': 'source other-sources' }, [others]));
    var bar = el('div', { 'class': 'bar', title: pct(s.coveragePct) });
    ORDER.forEach(function (st) {
      if (s.counts[st] === 0) return;
      bar.appendChild(el('span', { 'class': 's-' + st, style: 'width:' + (100 * s.counts[st] / block.activities.length) + '%', title: T.status[st].label + ': ' + s.counts[st] }));
    });
    card.appendChild(bar);
    card.appendChild(el('p', { 'class': 'coverage' }, [fill(T.coverage, { pct: pct(s.coveragePct), covered: s.covered, total: block.activities.length }) + '; ' +
      ORDER.map(function (st) { return T.status[st].label + ' ' + s.counts[st]; }).join(', ') + '.']));
    card.appendChild(el('p', { 'class': 'actors' }, [T.topActors + ': ' + (s.topActors.length ? s.topActors.map(function (x) { return x.code + ' (' + x.activities + ')'; }).join(', ') : T.noneRecognised)]));
    var extra = el('details', { 'class': 'extra' }, [el('summary', {}, [fill(T.extra, { extra: s.extra.length, all: s.activities })])]);
    var list = el('ol', {});
    s.extra.forEach(function (x) { list.appendChild(el('li', { value: x.seq }, [x.activity + ' ', el('span', { 'class': 'score' }, ['(' + T.nearest + ' ' + score(x.score) + ')'])])); });
    extra.appendChild(list);
    card.appendChild(extra);
    return card;
  }

  /** A plan's files besides the one it is read through: the same plan, not plans of their own. */
  function otherSources(d) {
    if (!d.otherSources || d.otherSources.length === 0) return '';
    return T.alsoAs + ' ' + d.otherSources.map(function (o) { return o.sourcePath + ' (' + T.kind[o.kind] + ')'; }).join(', ');
  }

  function referenceList(block) {
    var list = el('ol', { 'class': 'reference-list' });
    block.activities.forEach(function (a, i) {
      var covered = block.rows.filter(function (r) { return r.cells[i].status !== 'missing'; }).length;
      var codes = actorsOf(a.id);
      list.appendChild(el('li', { value: a.seq }, [el('b', {}, [a.number ? a.number + ' ' : '']), a.activity + ' ',
        el('span', { 'class': 'score' }, ['\u2014 ' + (codes.length ? codes.join(', ') + '; ' : '') + fill(T.inPlans, { n: covered, total: block.rows.length })])]));
    });
    return list;
  }
})();
`;
