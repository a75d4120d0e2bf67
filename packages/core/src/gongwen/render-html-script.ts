/**
 * The one script the HTML rendering carries: it puts the 版记 at the foot of the last page
 * (GB/T 9704 7.4.1, "最后一个分隔线与公文最后一页的版心下边缘重合"), which CSS paged media cannot
 * express (there is no :last page selector and Chromium has no float to the page bottom).
 *
 * It paginates the screen layout the way Chromium's print layout breaks it: the 版心 column is
 * 156 mm wide on screen and in print, so lines break alike; the page area is 225 mm high (232 mm
 * on the first page of a 信函, whose top margin is 30 mm); breaks fall between line boxes and
 * margins at an unforced break are dropped; a table breaks between its rows, its header row repeated
 * at the top of the next page; each 附件 starts a page. From the last forced page
 * start (the last 附件, or the document) it finds how far down its last page the text ends and
 * sets `--imprint-gap` on the 版记 so its bottom line meets the 版心's bottom edge. When the 版记
 * does not fit under the text it gets a page of its own, unnumbered (7.5), through the named
 * page `imprint`. On screen it also marks where each printed page ends.
 *
 * Without scripts (a sandboxed preview) the 版记 simply follows the text one line down.
 * Plain ES2017 in a string, so no bundler or transpiler touches it.
 */
export const PAGINATE_SCRIPT = String.raw`(function () {
  var MM = 96 / 25.4;
  var SAFETY = 0.4 * MM;
  function atomic(el) {
    var cs = getComputedStyle(el);
    return /flex|grid|table/.test(cs.display) || cs.breakInside === 'avoid' || el.tagName === 'TABLE';
  }
  function hasBlockChild(el) {
    for (var c = el.firstElementChild; c; c = c.nextElementSibling) {
      var d = getComputedStyle(c).display;
      if (d !== 'inline' && d !== 'inline-block' && d !== 'none' && c.tagName !== 'BR') return true;
    }
    return false;
  }
  /** Line boxes (and unbreakable blocks) in layout order: {top, bottom} in px, or a page start. */
  function collect(el, out) {
    for (var c = el.firstElementChild; c; c = c.nextElementSibling) {
      var cs = getComputedStyle(c);
      if (cs.display === 'none' || cs.position === 'absolute' || cs.position === 'fixed') continue;
      if (c.classList.contains('imprint')) return true;
      var r = c.getBoundingClientRect();
      if (cs.breakBefore === 'page') out.push({ page: true, top: r.top });
      if (c.tagName === 'TABLE' && c.rows.length > 0) {
        // Rows are unbreakable; a row that starts a new page comes under the repeated header row.
        var head = c.tHead ? c.tHead.getBoundingClientRect().height : 0;
        for (var t = 0; t < c.rows.length; t++) {
          var rr = c.rows[t].getBoundingClientRect();
          out.push({ top: rr.top, bottom: rr.bottom, repeat: c.rows[t].parentNode === c.tHead ? 0 : head });
        }
      } else if (atomic(c)) out.push({ top: r.top, bottom: r.bottom });
      else if (hasBlockChild(c)) { if (collect(c, out)) return true; }
      else if (r.height > 0) {
        var lh = parseFloat(cs.lineHeight);
        var n = lh > 0 ? Math.max(1, Math.round(r.height / lh)) : 1;
        var h = r.height / n;
        for (var k = 0; k < n; k++) out.push({ top: r.top + k * h, bottom: r.top + (k + 1) * h });
      }
    }
    return false;
  }
  function paginate() {
    var art = document.querySelector('article.gongwen');
    if (!art) return;
    var old = art.querySelectorAll('.page-guide');
    for (var i = 0; i < old.length; i++) old[i].remove();
    var imp = art.querySelector(':scope > .imprint');
    if (imp) { imp.classList.remove('alone'); art.style.removeProperty('--imprint-gap'); }
    var letter = art.classList.contains('letter');
    var full = 225 * MM;
    var height = letter ? 232 * MM : full;
    var units = [];
    collect(art, units);
    // Margins at the top of the first page and after a forced break are kept; after an
    // unforced break they are dropped.
    var ar = art.getBoundingClientRect();
    var y = 0, prev = { bottom: ar.top + parseFloat(getComputedStyle(art).paddingTop) }, page = 1, breaks = [];
    for (var j = 0; j < units.length; j++) {
      var u = units[j];
      if (u.page) { if (y > 0) { page++; breaks.push({ at: prev.bottom, page: page }); } y = 0; height = full; prev = { bottom: u.top }; continue; }
      var gap = Math.max(0, u.top - prev.bottom);
      var h = u.bottom - u.top;
      if (y > 0 && y + gap + h > height + 0.5) { page++; breaks.push({ at: u.top, page: page }); y = (u.repeat || 0) + h; height = full; }
      else y += gap + h;
      prev = u;
    }
    art.dataset.pages = String(page);
    if (imp) {
      var ih = imp.getBoundingClientRect().height;
      var room = height - y - ih - SAFETY;
      if (y > 0 && room < 0) {
        imp.classList.add('alone');
        art.style.setProperty('--imprint-gap', (full - ih - SAFETY).toFixed(2) + 'px');
        art.dataset.pages = String(page + 1);
      } else art.style.setProperty('--imprint-gap', Math.max(0, room).toFixed(2) + 'px');
    }
    // Screen only: where each printed page ends, with the page number it will carry.
    var top = art.getBoundingClientRect().top;
    for (var b = 0; b < breaks.length; b++) {
      var g = document.createElement('div');
      g.className = 'page-guide';
      g.setAttribute('aria-hidden', 'true');
      g.style.top = (breaks[b].at - top).toFixed(2) + 'px';
      g.dataset.page = String(breaks[b].page);
      art.appendChild(g);
    }
    if (letter) art.classList.toggle('one-page', page === 1 && !(imp && imp.classList.contains('alone')));
  }
  paginate();
  addEventListener('beforeprint', paginate);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(paginate);
})();`;
