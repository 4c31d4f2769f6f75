// The honour roll: search without diacritics, filters, paging, over one JSON file.
// Data is only ever put into the page with textContent: never parsed as HTML.
(function () {
  "use strict";
  var fold = window.vinhdanh.fold, element = window.vinhdanh.element;
  var PAGE = 50;

  function option(value, text) {
    var node = element("option", { value: value }, text);
    return node;
  }

  function start(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    fetch(root.dataset.src).then(function (r) { return r.json(); }).then(function (data) {
      build(root, data);
    }).catch(function () {
      root.appendChild(element("p", {}, "Không tải được dữ liệu bảng vàng. Hãy tải lại trang."));
    });
  }

  function build(root, data) {
    var controls = element("div", { class: "vd-controls", role: "search" });
    var query = element("input", { type: "search", placeholder: "Tìm theo tên, không cần dấu…",
      "aria-label": "Tìm theo tên" });
    var level = element("select", { "aria-label": "Cấp" });
    level.appendChild(option("", "Mọi cấp"));
    data.levels.forEach(function (label, i) { level.appendChild(option(String(i), label)); });
    var unit = element("select", { "aria-label": "Đơn vị" });
    unit.appendChild(option("", "Mọi đơn vị"));
    data.units.forEach(function (u, i) { unit.appendChild(option(String(i), u[1])); });
    var form = element("select", { "aria-label": "Hình thức khen thưởng" });
    form.appendChild(option("", "Mọi hình thức khen thưởng"));
    data.forms.forEach(function (label, i) { form.appendChild(option(String(i), label)); });
    var direct = element("input", { type: "checkbox" });
    var directLabel = element("label", {});
    directLabel.appendChild(direct);
    directLabel.appendChild(document.createTextNode(" Trực tiếp sản xuất"));
    [query, level, unit, form, directLabel].forEach(function (c) { controls.appendChild(c); });
    var count = element("p", { class: "vd-count", "aria-live": "polite" });
    var list = element("ol", {});
    var pages = element("div", { class: "vd-pages" });
    root.appendChild(controls);
    root.appendChild(count);
    root.appendChild(list);
    root.appendChild(pages);

    var matches = [];
    var page = 0;

    function filter() {
      var words = fold(query.value).split(/\s+/).filter(Boolean);
      var lv = level.value, un = unit.value, fm = form.value, dw = direct.checked;
      matches = data.rows.filter(function (r) {
        // r[8]: the units that honoured the record again (an upper level's reference)
        var honoured = [r[2]].concat(r[8] || []);
        if (lv !== "" && !honoured.some(function (i) { return String(data.units[i][2]) === lv; })) return false;
        if (un !== "" && !honoured.some(function (i) { return String(i) === un; })) return false;
        if (fm !== "" && r[5].indexOf(Number(fm)) < 0) return false;
        if (dw && !r[4]) return false;
        for (var i = 0; i < words.length; i++) if (r[1].indexOf(words[i]) < 0) return false;
        return true;
      });
      count.textContent = "Tìm thấy " + matches.length.toLocaleString("vi-VN") + " điển hình";
    }

    function show() {
      list.textContent = "";
      matches.slice(page * PAGE, page * PAGE + PAGE).forEach(function (r) {
        var u = data.units[r[2]];
        var item = element("li", { id: u[0] + "--" + r[7] });
        var link = element("a", { class: "vd-name", href: "../don-vi/" + u[0] + "/#" + u[0] + "--" + r[7] }, r[0]);
        item.appendChild(link);
        item.appendChild(element("div", { class: "vd-meta" },
          (r[3] ? "Tập thể · " : "") + r[6] + " · " + u[1] + " · " + data.levels[u[2]]));
        if (r[8]) {
          item.appendChild(element("div", { class: "vd-meta" }, "Được tôn vinh tiếp tại: " +
            r[8].map(function (i) { return data.units[i][1]; }).join(", ")));
        }
        list.appendChild(item);
      });
      pages.textContent = "";
      var total = Math.max(1, Math.ceil(matches.length / PAGE));
      var prev = element("button", { type: "button" }, "‹ Trước");
      var next = element("button", { type: "button" }, "Sau ›");
      prev.disabled = page === 0;
      next.disabled = page >= total - 1;
      prev.onclick = function () { page -= 1; show(); };
      next.onclick = function () { page += 1; show(); };
      pages.appendChild(prev);
      pages.appendChild(element("span", {}, "Trang " + (page + 1) + "/" + total));
      pages.appendChild(next);
    }

    function update() { filter(); page = 0; show(); }
    [level, unit, form, direct].forEach(function (c) { c.addEventListener("change", update); });
    query.addEventListener("input", update);
    filter();
    var target = decodeURIComponent(location.hash.slice(1));
    var at = matches.findIndex(function (r) { return data.units[r[2]][0] + "--" + r[7] === target; });
    page = at >= 0 ? Math.floor(at / PAGE) : 0;
    show();
    if (at >= 0) {
      var node = document.getElementById(target);
      node.classList.add("vd-target");
      node.scrollIntoView();
    }
    root.dataset.loaded = "1";
  }

  function init() {
    var root = document.getElementById("bang-vang-app");
    if (root) start(root);
  }
  if (window.document$) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
