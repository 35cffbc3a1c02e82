/**
 * The script inlined into the HTML report. It reads the matrix from the page's JSON block and
 * draws, per reference plan, the heatmap (SVG), a details panel for the clicked cell and the
 * per-plan summaries. Plain ES2017 in a string rather than a compiled function: the report
 * must run in any browser from a file:// URL, and a function's source text is rewritten by
 * bundlers (helper calls injected), so its toString() is not safe to ship.
 *
 * Everything taken from the data is written with textContent or as an attribute, never as
 * HTML, so a plan's text cannot inject markup.
 */
export const REPORT_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var SVGNS = 'http://www.w3.org/2000/svg';
  var STATUS = {
    present: { label: 'present', hint: 'same responsible and deadline' },
    changed_responsible: { label: 'changed responsible', hint: 'other responsible parties' },
    changed_deadline: { label: 'changed deadline', hint: 'other deadline' },
    changed_both: { label: 'changed both', hint: 'other responsible parties and deadline' },
    missing: { label: 'missing', hint: 'no activity of the plan links to it' }
  };
  var ORDER = ['present', 'changed_responsible', 'changed_deadline', 'changed_both', 'missing'];
  var CELL = 22, LABEL_W = 280, HEAD_H = 34, PCT_W = 64;

  function el(tag, attrs, children) {
    var n = document.createElement(tag);
    setAttrs(n, attrs);
    (children || []).forEach(function (c) { n.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return n;
  }
  function svg(tag, attrs, text) {
    var n = document.createElementNS(SVGNS, tag);
    setAttrs(n, attrs);
    if (text !== undefined) n.textContent = text;
    return n;
  }
  function setAttrs(n, attrs) {
    Object.keys(attrs || {}).forEach(function (k) { if (attrs[k] !== null && attrs[k] !== undefined) n.setAttribute(k, String(attrs[k])); });
  }
  function clip(s, n) { return s.length <= n ? s : s.slice(0, n - 1) + '\u2026'; }
  /** Position in the reference plan, with the number as printed when it says more. */
  function refName(a) { return String(a.seq) + (a.number && a.number.replace(/\.$/, '') !== String(a.seq) ? ' (' + a.number + ')' : ''); }
  function pct(x) { return x.toFixed(1).replace(/\.0$/, '') + '%'; }

  var root = document.getElementById('report');
  root.appendChild(legend());
  if (data.blocks.length === 0) {
    root.appendChild(el('p', { 'class': 'empty' }, ['No plan is linked to a reference plan yet: mark one with "roadmaps reference <id>" and run "roadmaps link".']));
  }
  data.blocks.forEach(function (block) { root.appendChild(renderBlock(block)); });
  document.body.setAttribute('data-rendered', 'true');

  function legend() {
    var box = el('ul', { 'class': 'legend' });
    ORDER.forEach(function (s) {
      box.appendChild(el('li', { title: STATUS[s].hint }, [el('span', { 'class': 'swatch s-' + s }), STATUS[s].label]));
    });
    return box;
  }

  function renderBlock(block) {
    var ref = block.reference;
    var section = el('section', { 'class': 'block', id: 'ref-' + ref.id });
    section.appendChild(el('h2', {}, ['Reference: ' + ref.label]));
    if (ref.title) section.appendChild(el('p', { 'class': 'subtitle' }, [ref.title]));
    section.appendChild(el('p', { 'class': 'source' }, ['Read from ' + ref.sourcePath + (otherSources(ref) ? '; ' + otherSources(ref) : '')]));
    var sorter = el('select', { 'aria-label': 'Order of plans' }, [
      el('option', { value: 'name' }, ['plans by name']),
      el('option', { value: 'coverage' }, ['plans by coverage, highest first'])
    ]);
    section.appendChild(el('label', { 'class': 'sorter' }, ['Order: ', sorter]));
    var mapBox = el('div', { 'class': 'heatmap-box' });
    var details = el('div', { 'class': 'details', 'aria-live': 'polite' }, [el('p', { 'class': 'hint' }, ['Click a cell to compare the two activities.'])]);
    var summaries = el('div', { 'class': 'summaries' });
    section.appendChild(mapBox);
    section.appendChild(details);
    section.appendChild(el('h3', {}, ['Plans']));
    section.appendChild(summaries);
    section.appendChild(el('h3', {}, ['Reference activities']));
    section.appendChild(referenceList(block));

    function draw() {
      var rows = block.rows.slice();
      if (sorter.value === 'coverage') rows.sort(function (a, b) { return b.summary.coveragePct - a.summary.coveragePct || a.document.label.localeCompare(b.document.label); });
      else rows.sort(function (a, b) { return a.document.label.localeCompare(b.document.label); });
      mapBox.textContent = '';
      mapBox.appendChild(heatmap(block, rows, function (row, i) { showDetails(details, block, row, i); }));
      summaries.textContent = '';
      rows.forEach(function (row) { summaries.appendChild(summaryCard(block, row)); });
    }
    sorter.addEventListener('change', draw);
    draw();
    return section;
  }

  function heatmap(block, rows, onPick) {
    var cols = block.activities.length;
    var width = LABEL_W + cols * CELL + PCT_W;
    var height = HEAD_H + rows.length * CELL + 4;
    var map = svg('svg', { 'class': 'heatmap', width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, role: 'img',
      'aria-label': 'Coverage of ' + cols + ' reference activities by ' + rows.length + ' plans' });
    block.activities.forEach(function (a, i) {
      var x = LABEL_W + i * CELL + CELL / 2;
      // Numbers as printed ("1.4.") can repeat and do not fit a cell; the column is the row's
      // position in the reference plan, as in the list under the map.
      var t = svg('text', { 'class': 'col-head', x: x, y: HEAD_H - 8, 'text-anchor': 'middle' }, String(a.seq));
      t.appendChild(svg('title', {}, refName(a) + ' ' + a.activity));
      map.appendChild(t);
    });
    map.appendChild(svg('text', { 'class': 'col-head', x: LABEL_W + cols * CELL + 8, y: HEAD_H - 8 }, 'cover'));
    rows.forEach(function (row, r) {
      var y = HEAD_H + r * CELL;
      var label = svg('text', { 'class': 'row-head', x: LABEL_W - 8, y: y + CELL * 0.68, 'text-anchor': 'end' }, clip(row.document.label, 40));
      label.appendChild(svg('title', {}, row.document.label + ' \u2014 ' + row.document.sourcePath));
      map.appendChild(label);
      row.cells.forEach(function (c, i) {
        var a = block.activities[i];
        var rect = svg('rect', { 'class': 'cell s-' + c.status, x: LABEL_W + i * CELL + 1, y: y + 1, width: CELL - 2, height: CELL - 2, rx: 3,
          tabindex: 0, 'data-status': c.status, 'data-document': row.document.id, 'data-reference-activity': a.id });
        rect.appendChild(svg('title', {}, row.document.label + ' \u00d7 ' + refName(a) + ': ' + STATUS[c.status].label +
          (c.score === null ? '' : ' (similarity ' + c.score.toFixed(2) + ')')));
        rect.addEventListener('click', function () { onPick(row, i); });
        rect.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onPick(row, i); } });
        map.appendChild(rect);
      });
      map.appendChild(svg('text', { 'class': 'pct', x: LABEL_W + cols * CELL + 8, y: y + CELL * 0.68 }, pct(row.summary.coveragePct)));
    });
    return map;
  }

  function showDetails(box, block, row, i) {
    var a = block.activities[i];
    var c = row.cells[i];
    box.textContent = '';
    box.appendChild(el('h4', {}, [row.document.label + ' \u00d7 ' + refName(a) + ': ', el('span', { 'class': 'tag s-' + c.status }, [STATUS[c.status].label])]));
    var grid = el('div', { 'class': 'pair' });
    grid.appendChild(side('Reference activity ' + refName(a), a.activity, a.responsible, a.deadline));
    if (c.activityId === null) grid.appendChild(el('div', { 'class': 'side none' }, [el('h5', {}, ['The plan']), el('p', {}, ['No activity of this plan links to it.'])]));
    else {
      var more = c.linkedActivities > 1 ? ' (and ' + (c.linkedActivities - 1) + ' more linked)' : '';
      grid.appendChild(side('Plan activity ' + c.activitySeq + ', similarity ' + c.score.toFixed(2) + more, c.activity, c.responsible, c.deadline));
    }
    box.appendChild(grid);
  }

  function side(title, text, responsible, deadline) {
    return el('div', { 'class': 'side' }, [
      el('h5', {}, [title]), el('p', {}, [text || '\u2014']),
      el('dl', {}, [el('dt', {}, ['Responsible']), el('dd', {}, [responsible || '\u2014']), el('dt', {}, ['Deadline']), el('dd', {}, [deadline || '\u2014'])])
    ]);
  }

  function summaryCard(block, row) {
    var s = row.summary;
    var card = el('article', { 'class': 'summary', 'data-document': row.document.id });
    card.appendChild(el('h4', {}, [row.document.label]));
    card.appendChild(el('p', { 'class': 'source' }, [row.document.sourcePath + (row.document.actDate ? ', ' + row.document.actDate : '')]));
    var others = otherSources(row.document);
    if (others) card.appendChild(el('p', { 'class': 'source other-sources' }, [others]));
    var bar = el('div', { 'class': 'bar', title: pct(s.coveragePct) + ' of the reference activities' });
    ORDER.forEach(function (st) {
      if (s.counts[st] === 0) return;
      bar.appendChild(el('span', { 'class': 's-' + st, style: 'width:' + (100 * s.counts[st] / block.activities.length) + '%', title: STATUS[st].label + ': ' + s.counts[st] }));
    });
    card.appendChild(bar);
    card.appendChild(el('p', { 'class': 'coverage' }, ['Coverage ' + pct(s.coveragePct) + ': ' + s.covered + ' of ' + block.activities.length + ' reference activities; ' +
      ORDER.filter(function (st) { return st !== 'missing'; }).map(function (st) { return STATUS[st].label + ' ' + s.counts[st]; }).join(', ') + ', missing ' + s.counts.missing + '.']));
    card.appendChild(el('p', { 'class': 'actors' }, ['Top actors: ' + (s.topActors.length ? s.topActors.map(function (x) { return x.code + ' (' + x.activities + ')'; }).join(', ') : 'none recognised')]));
    var extra = el('details', { 'class': 'extra' }, [el('summary', {}, [s.extra.length + ' of ' + s.activities + ' activities are not in the reference plan'])]);
    var list = el('ol', {});
    s.extra.forEach(function (x) { list.appendChild(el('li', { value: x.seq }, [x.activity + ' ', el('span', { 'class': 'score' }, ['(nearest ' + x.score.toFixed(2) + ')'])])); });
    extra.appendChild(list);
    card.appendChild(extra);
    return card;
  }

  /** A plan's files besides the one it is read through: the same plan, not plans of their own. */
  function otherSources(d) {
    if (!d.otherSources || d.otherSources.length === 0) return '';
    return 'also as ' + d.otherSources.map(function (o) { return o.sourcePath + ' (' + o.kind.replace('_', ' ') + ')'; }).join(', ');
  }

  function referenceList(block) {
    var list = el('ol', { 'class': 'reference-list' });
    block.activities.forEach(function (a) {
      var covered = block.rows.filter(function (r) { return r.cells[block.activities.indexOf(a)].status !== 'missing'; }).length;
      list.appendChild(el('li', { value: a.seq }, [el('b', {}, [a.number ? a.number + ' ' : '']), a.activity + ' ', el('span', { 'class': 'score' }, ['\u2014 in ' + covered + ' of ' + block.rows.length + ' plans'])]));
    });
    return list;
  }
})();
`;
