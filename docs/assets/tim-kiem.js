// Site search over the Pagefind index built with the site (/tim-kiem/).
// Pagefind ignores diacritics (unit pages add a folded copy of names with "đ").
// Excerpts are rebuilt as text and <mark> only: nothing is parsed into the page as HTML.
(function () {
  "use strict";
  var fold = window.vinhdanh.fold, element = window.vinhdanh.element;
  var MORE = 20;

  // Pagefind's excerpt is the page's text with "<" and ">" written as &lt; and &gt; (nothing
  // else escaped) and <mark> around matches. Read it as exactly that, with no HTML parser:
  // [text, marked] pieces, so no markup of a page's text can come alive here.
  function pieces(excerptText) {
    var out = [], marked = false;
    excerptText.split(/(<mark>|<\/mark>)/).forEach(function (part) {
      if (part === "<mark>") marked = true;
      else if (part === "</mark>") marked = false;
      else if (part) out.push([part.replace(/&lt;/g, "<").replace(/&gt;/g, ">"), marked]);
    });
    return out;
  }

  // A name with "đ" carries a hidden folded copy so that "duc" finds "Đức"; it is for
  // matching only, so it is cut out of the excerpt shown under that name.
  function withoutFoldedCopy(parts, title) {
    if (!/đ/i.test(title)) return parts;
    var text = parts.map(function (p) { return p[0]; }).join("");
    var copy = fold(title);
    var from = text.indexOf(copy);
    if (from < 0) return parts;
    var to = from + copy.length;
    while (text.charAt(to) === "." || text.charAt(to) === " ") to++;
    var at = 0;
    return parts.map(function (p) {
      var start = at, size = p[0].length;
      at += size;
      var clamp = function (n) { return Math.max(0, Math.min(size, n)); };
      return [p[0].slice(0, clamp(from - start)) + p[0].slice(clamp(to - start)), p[1]];
    });
  }

  function excerpt(parts) {
    var out = element("p", { class: "vd-excerpt" });
    parts.forEach(function (p) {
      if (!p[0]) return;
      out.appendChild(p[1] ? element("mark", {}, p[0]) : document.createTextNode(p[0]));
    });
    return out;
  }

  function link(url, text) {
    return element("a", { href: url }, text);
  }

  function item(data) {
    var li = element("li");
    li.appendChild(element("h3", {})).appendChild(link(data.url, data.meta.title || data.url));
    // Sections of the page that hold the most of the query's words first (a name before a mention).
    var subs = (data.sub_results || []).filter(function (s) { return s.url !== data.url; });
    subs.sort(function (a, b) { return (b.locations || []).length - (a.locations || []).length; });
    if (subs.length) {
      var list = li.appendChild(element("ul", { class: "vd-subresults" }));
      subs.slice(0, 4).forEach(function (sub) {
        var entry = list.appendChild(element("li"));
        entry.appendChild(link(sub.url, sub.title));
        entry.appendChild(excerpt(withoutFoldedCopy(pieces(sub.excerpt), sub.title)));
      });
    } else {
      li.appendChild(excerpt(pieces(data.excerpt)));
    }
    return li;
  }

  function start(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    var input = root.querySelector("input[type=search]");
    var count = root.querySelector(".vd-count");
    var list = root.querySelector(".vd-results");
    var bundle = new URL(root.dataset.bundle, location.href);
    var siteRoot = new URL("../", bundle).pathname;
    var pagefind, results = [], shown = 0, asked = 0;
    var more = element("button", { type: "button", class: "md-button" }, "Xem thêm kết quả");
    more.hidden = true;
    root.appendChild(more);

    function showMore() {
      var batch = results.slice(shown, shown + MORE);
      var ticket = asked;
      Promise.all(batch.map(function (r) { return r.data(); })).then(function (all) {
        if (ticket !== asked) return;
        all.forEach(function (data) { list.appendChild(item(data)); });
        shown += batch.length;
        more.hidden = shown >= results.length;
        root.dataset.answered = input.value;
      });
    }

    function run() {
      var query = input.value.trim();
      var ticket = ++asked;
      var url = new URL(location.href);
      if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
      history.replaceState(history.state, "", url);
      if (!query) {
        list.textContent = ""; count.textContent = ""; more.hidden = true;
        root.dataset.answered = "";
        return;
      }
      pagefind.search(query).then(function (search) {
        if (ticket !== asked) return;
        results = search.results; shown = 0; list.textContent = "";
        count.textContent = results.length
          ? results.length + " trang có \u201c" + query + "\u201d"
          : "Không tìm thấy \u201c" + query + "\u201d. Hãy thử ít từ hơn hoặc kiểm tra chính tả.";
        showMore();
      });
    }

    var timer;
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 150); });
    root.querySelector("form").addEventListener("submit", function (e) { e.preventDefault(); run(); });
    more.addEventListener("click", showMore);
    import(new URL("pagefind.js", bundle).href).then(function (module) {
      pagefind = module;
      // pageLength 0: a unit page naming the person outranks a short page that
      // only shares a word with the query ("vàng" for "van").
      return pagefind.options({ baseUrl: siteRoot, ranking: { pageLength: 0 } });
    }).then(function () {
      input.value = new URL(location.href).searchParams.get("q") || "";
      root.dataset.loaded = "1";
      if (input.value) run();
      input.focus();
    }).catch(function () {
      count.textContent = "Không tải được chỉ mục tìm kiếm. Hãy tải lại trang.";
    });
  }

  function init() {
    var root = document.getElementById("tim-kiem-app");
    if (root) start(root);
  }
  if (window.document$) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
