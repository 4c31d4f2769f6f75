// Helpers shared by the site's scripts (honour roll, search); loaded before them.
window.vinhdanh = {
  // Lower-case text without diacritics, "đ" as "d": what readers type ("Nguyễn Đức" → "nguyen duc").
  // The same folding as vinhdanh.values.fold in Python.
  fold: function (text) {
    return text.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  },
  // The words of a text, folded: what two names are compared by ("Trần  Văn-Đức" → tran van duc).
  words: function (text) {
    return window.vinhdanh.fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  },
  // A text as [piece, marked] pieces, marking each word that is one of the query's words once
  // both are folded ("duc" marks "Đức"); the query's last word may be a word's beginning, as
  // while it is being typed. Words are marked whole, so no letter's marks are split.
  marks: function (text, query) {
    var terms = window.vinhdanh.words(query), last = terms[terms.length - 1] || "";
    var out = [], at = 0, word = /[\p{L}\p{M}\p{N}]+/gu, m;
    while ((m = word.exec(text))) {
      var folded = window.vinhdanh.fold(m[0]);
      if (terms.indexOf(folded) < 0 && !(last.length > 1 && folded.indexOf(last) === 0)) continue;
      if (m.index > at) out.push([text.slice(at, m.index), false]);
      out.push([m[0], true]);
      at = m.index + m[0].length;
    }
    if (at < text.length) out.push([text.slice(at), false]);
    return out;
  },
  // An element made from text only (textContent): data never becomes HTML.
  element: function (tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
};

// "Sao chép tệp mẫu" on the page of a unit that has not submitted: a labelled button beside
// the download (Material's copy icon shows only on hover, so a phone never shows it). It is
// hidden until this runs; without a clipboard the download link still does the job.
(function () {
  function init() {
    document.querySelectorAll("[data-vd-copy]").forEach(function (button) {
      var source = document.querySelector(button.getAttribute("data-vd-copy"));
      if (!source || !navigator.clipboard) return;
      button.hidden = false;
      button.onclick = function () {
        navigator.clipboard.writeText(source.textContent).then(
          function () { button.textContent = "Đã chép: dán vào ô soạn thảo trên GitHub"; },
          function () { button.textContent = "Không chép được: hãy tải tệp mẫu"; }
        );
      };
    });
  }
  if (window.document$) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
