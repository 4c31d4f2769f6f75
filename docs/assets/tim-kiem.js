// Site search over the Pagefind index built with the site (/tim-kiem/).
// Pagefind ignores diacritics; beside each honoree's heading a hidden copy holds the name
// folded when it has "đ" ("tran van duc") and the whole name as one word ("tranvanduc").
// Ranking: pages naming someone whose full name is the query come first (the one-word copy
// is looked up too), and in a page, that person before people who share only some words.
// Matches are marked by folded comparison of whole words, so "duc" marks "Đức".
// Excerpts are rebuilt as text and <mark> only: nothing is parsed into the page as HTML.
(function () {
  "use strict";
  var vd = window.vinhdanh, fold = vd.fold, element = vd.element;
  var MORE = 20;

  // Pagefind's excerpt is the page's text with "<" and ">" written as &lt; and &gt; (nothing
  // else escaped) and <mark> around its matches. Read it as exactly that, with no HTML parser,
  // and keep the text only: matches are marked again below, the Vietnamese way.
  function plainText(excerptText) {
    return excerptText.split(/<mark>|<\/mark>/).join("").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  }

  // The hidden copy beside a name (as render.search_copy writes it): for matching only,
  // so it is cut out of the excerpt shown under that name.
  function searchCopy(title) {
    var key = vd.words(title).join("");
    return /đ/i.test(title) ? fold(title) + " " + key : key;
  }

  function withoutSearchCopy(text, title) {
    var copy = searchCopy(title);
    var from = copy ? text.indexOf(copy) : -1;
    if (from < 0) return text;
    var to = from + copy.length;
    while (text.charAt(to) === "." || text.charAt(to) === " ") to++;
    return text.slice(0, from) + text.slice(to);
  }

  function excerpt(text, query) {
    var out = element("p", { class: "vd-excerpt" });
    vd.marks(text, query).forEach(function (p) {
      out.appendChild(p[1] ? element("mark", {}, p[0]) : document.createTextNode(p[0]));
    });
    return out;
  }

  function link(url, text) {
    return element("a", { href: url }, text);
  }

  // How well a name answers the query: 2 the same name once folded, else 1 if it holds
  // every word of the query, else 0.
  function nameMatch(title, terms) {
    var words = vd.words(title || "");
    if (words.join(" ") === terms.join(" ")) return 2;
    return terms.every(function (t) { return words.indexOf(t) >= 0; }) ? 1 : 0;
  }

  // The page's sections (one per honoree) to show: the full name first, then names holding
  // every word, then those holding the most of the query's words.
  function sections(data, terms) {
    var subs = (data.sub_results || []).filter(function (s) { return s.url !== data.url; });
    return subs.map(function (s, i) {
      return { sub: s, match: nameMatch(s.title, terms), hits: (s.locations || []).length, i: i };
    }).sort(function (a, b) {
      return b.match - a.match || b.hits - a.hits || a.i - b.i;
    });
  }

  function item(data, query, ranked) {
    var li = element("li");
    li.appendChild(element("h3", {})).appendChild(link(data.url, data.meta.title || data.url));
    if (ranked.length) {
      var list = li.appendChild(element("ul", { class: "vd-subresults" }));
      ranked.slice(0, 4).forEach(function (r) {
        var entry = list.appendChild(element("li", r.match === 2 ? { class: "vd-exact" } : {}));
        entry.appendChild(link(r.sub.url, r.sub.title));
        entry.appendChild(excerpt(withoutSearchCopy(plainText(r.sub.excerpt), r.sub.title), query));
      });
    } else {
      li.appendChild(excerpt(plainText(data.excerpt), query));
    }
    return li;
  }

  // The pages found, those naming someone by the full name typed first: Pagefind ranks the
  // words wherever they are on a page. The name looked up as one word also finds looser
  // matches (a name it begins, or a page holding a part of it), so it only orders pages
  // that hold every word; a page's sections then show whether the name is there.
  // The results kept are the full query's own (their excerpts answer the query, not the one word).
  function merged(named, all) {
    var found = {}, out = [];
    all.forEach(function (r) { found[r.id] = r; });
    named.forEach(function (r) {
      if (found[r.id]) { out.push(found[r.id]); delete found[r.id]; }
    });
    return out.concat(all.filter(function (r) { return found[r.id]; }));
  }

  function start(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    var input = root.querySelector("input[type=search]");
    var count = root.querySelector(".vd-count");
    var list = root.querySelector(".vd-results");
    var bundle = new URL(root.dataset.bundle, location.href);
    var siteRoot = new URL("../", bundle).pathname;
    var pagefind, results = [], shown = 0, asked = 0, query = "", terms = [];
    var more = element("button", { type: "button", class: "md-button" }, "Xem thêm kết quả");
    more.hidden = true;
    root.appendChild(more);

    function showMore() {
      var batch = results.slice(shown, shown + MORE);
      var ticket = asked;
      Promise.all(batch.map(function (r) { return r.data(); })).then(function (all) {
        if (ticket !== asked) return;
        var pages = all.map(function (data, i) {
          var ranked = sections(data, terms);
          return { data: data, ranked: ranked, best: ranked.length ? ranked[0].match : 0, i: i };
        });
        if (terms.length > 1) {  // in a batch too: the full name, then names with every word
          pages.sort(function (a, b) { return b.best - a.best || a.i - b.i; });
        }
        pages.forEach(function (p) { list.appendChild(item(p.data, query, p.ranked)); });
        var named = pages.some(function (p) { return p.best > 0; });
        if (!shown && terms.length > 1 && pages.length && !named) {
          count.textContent += " Không có tên cá nhân, tập thể nào có đủ các chữ này; các trang" +
            " dưới đây có các chữ đó ở những chỗ khác nhau.";
        }
        shown += batch.length;
        more.hidden = shown >= results.length;
        root.dataset.answered = input.value;
      });
    }

    function run() {
      var typed = input.value.trim();
      var ticket = ++asked;
      var url = new URL(location.href);
      if (typed) url.searchParams.set("q", typed); else url.searchParams.delete("q");
      history.replaceState(history.state, "", url);
      if (!typed) {
        list.textContent = ""; count.textContent = ""; more.hidden = true;
        root.dataset.answered = "";
        return;
      }
      var words = vd.words(typed);
      var lookups = [pagefind.search(typed)];
      if (words.length > 1) lookups.push(pagefind.search(words.join("")));
      Promise.all(lookups).then(function (found) {
        if (ticket !== asked) return;
        query = typed; terms = words;
        var named = found[1] ? found[1].results : [];
        results = merged(named, found[0].results); shown = 0; list.textContent = "";
        count.textContent = results.length
          ? results.length + " trang có \u201c" + typed + "\u201d."
          : "Không tìm thấy \u201c" + typed + "\u201d. Hãy thử ít từ hơn hoặc kiểm tra chính tả.";
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
