// The honour roll: search without diacritics, filters, paging, over one JSON file.
// Data is only ever put into the page with textContent: never parsed as HTML.
// Row fields are described in vinhdanh/website/roll.py (roll_data).
(function () {
  "use strict";
  var fold = window.vinhdanh.fold, element = window.vinhdanh.element;
  var PAGE = 50;

  function option(value, text) {
    return element("option", { value: value }, text);
  }

  function start(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    fetch(root.dataset.src).then(function (r) { return r.json(); }).then(function (data) {
      var redraw = build(root, data);
      more(root, data, redraw);
    }).catch(function () {
      root.appendChild(element("p", {}, "Không tải được dữ liệu bảng vàng. Hãy tải lại trang."));
    });
  }

  // The achievements (a second file, one excerpt per row) once the list is drawn:
  // searching never waits for them; without them the entries simply show none.
  function more(root, data, redraw) {
    fetch(root.dataset.achievements).then(function (r) { return r.json(); }).then(function (texts) {
      data.rows.forEach(function (r, i) { if (texts[i]) r[11] = texts[i]; });
      redraw();
      root.dataset.full = "1";
    }).catch(function () { root.dataset.full = "0"; });
  }

  // One control of the filter bar with its visible label (a select alone says little).
  function field(text, control, extra) {
    var box = element("label", { class: "vd-field" + (extra ? " " + extra : "") });
    box.appendChild(element("span", { class: "vd-field-label" }, text));
    box.appendChild(control);
    return box;
  }

  // The unit filter: one group per level, highest first, units in Vietnamese order
  // of their names inside it, as data.units already lists them (sorted at build time).
  function unitSelect(data) {
    var select = element("select", { "aria-label": "Đơn vị" });
    select.appendChild(option("", "Mọi đơn vị"));
    var group = null, level = null;
    data.units.forEach(function (u, i) {
      if (u[2] !== level) {
        level = u[2];
        group = element("optgroup", { label: data.levels[level] });
        select.appendChild(group);
      }
      group.appendChild(option(String(i), u[1]));
    });
    return select;
  }

  // Titles (danh hiệu) and awards (khen thưởng) as chips: "Lao động tiên tiến (2021, 2023)".
  function honours(data, r) {
    var chips = [];
    (r[9] || []).forEach(function (t) {
      chips.push(["vd-chip vd-chip--title", data.titles[t[0]] + " (" + t.slice(1).join(", ") + ")"]);
    });
    (r[10] || []).forEach(function (a) {
      var label = typeof a[0] === "string" ? a[0] : data.forms[a[0]];
      chips.push(["vd-chip vd-chip--award", label + " (" + a[1] + ")"]);
    });
    if (!chips.length) return null;
    var box = element("ul", { class: "vd-honours", "aria-label": "Danh hiệu và khen thưởng" });
    chips.forEach(function (c) { box.appendChild(element("li", { class: c[0] }, c[1])); });
    return box;
  }

  // The achievement (thành tích) on two lines, the rest on "Xem thêm" (and in its
  // tooltip); an excerpt the build cut short ends with "…" and links to the unit's
  // page, which has it whole.
  function achievement(r, href) {
    var text = r[11];
    if (!text) return null;
    var box = element("div", { class: "vd-ach" });
    box.appendChild(element("p", { class: "vd-ach-text", title: text }, text));
    var more = element("button", { type: "button", class: "vd-more", "aria-expanded": "false" },
      "Xem thêm");
    more.onclick = function () {
      var open = box.classList.toggle("vd-open");
      more.setAttribute("aria-expanded", String(open));
      more.textContent = open ? "Thu gọn" : "Xem thêm";
    };
    box.appendChild(more);
    if (text.slice(-1) === "…") {
      box.appendChild(element("a", { class: "vd-whole", href: href }, "Đọc đầy đủ"));
    }
    return box;
  }

  // "Xem thêm" only where two lines did not hold the whole text (known once laid out):
  // every size is read before any button is removed, so the page is laid out once.
  function trimButtons(list) {
    var boxes = Array.prototype.filter.call(list.querySelectorAll(".vd-ach"), function (box) {
      var text = box.firstChild;
      return !box.querySelector(".vd-whole") && text.scrollHeight <= text.clientHeight + 1;
    });
    boxes.forEach(function (box) { box.removeChild(box.querySelector(".vd-more")); });
  }

  function build(root, data) {
    var controls = element("div", { class: "vd-controls", role: "search" });
    var query = element("input", { type: "search", placeholder: "Nhập tên, không cần dấu…",
      "aria-label": "Tìm theo tên" });
    var level = element("select", { "aria-label": "Cấp" });
    level.appendChild(option("", "Mọi cấp"));
    for (var l = data.levels.length - 1; l >= 0; l--) level.appendChild(option(String(l), data.levels[l]));
    var unit = unitSelect(data);
    var form = element("select", { "aria-label": "Hình thức khen thưởng" });
    form.appendChild(option("", "Mọi hình thức"));
    // only the forms someone on the roll has: the others would always find no one
    var used = {};
    data.rows.forEach(function (r) { (r[5] || []).forEach(function (f) { used[f] = true; }); });
    data.forms.forEach(function (label, i) { if (used[i]) form.appendChild(option(String(i), label)); });
    var direct = element("input", { type: "checkbox" });
    var directLabel = element("label", { class: "vd-check" });
    directLabel.appendChild(direct);
    directLabel.appendChild(document.createTextNode(" Trực tiếp sản xuất"));
    [field("Tìm theo tên", query, "vd-field--query"), field("Cấp", level), field("Đơn vị", unit, "vd-field--unit"),
      field("Hình thức khen thưởng", form), directLabel].forEach(function (c) { controls.appendChild(c); });
    var count = element("p", { class: "vd-count", "aria-live": "polite" });
    var list = element("ol", { class: "vd-list" });
    var pages = element("div", { class: "vd-pages" });
    root.appendChild(controls);
    root.appendChild(count);
    root.appendChild(list);
    root.appendChild(pages);

    var matches = [];
    var page = 0;
    var target = decodeURIComponent(location.hash.slice(1));

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
        var href = "../don-vi/" + u[0] + "/#" + u[0] + "--" + r[7];
        var item = element("li", { id: u[0] + "--" + r[7] });
        if (item.id === target) item.classList.add("vd-target");
        item.appendChild(element("a", { class: "vd-name", href: href }, r[0]));
        item.appendChild(element("div", { class: "vd-meta" },
          (r[3] ? "Tập thể · " : "") + r[6] + " · " + u[1] + " · " + data.levels[u[2]]));
        [honours(data, r), achievement(r, href)].forEach(function (n) { if (n) item.appendChild(n); });
        if (r[8]) {
          item.appendChild(element("div", { class: "vd-meta" }, "Được tôn vinh tiếp tại: " +
            r[8].map(function (i) { return data.units[i][1]; }).join(", ")));
        }
        list.appendChild(item);
      });
      trimButtons(list);
      pages.textContent = "";
      var total = Math.max(1, Math.ceil(matches.length / PAGE));
      var prev = element("button", { type: "button", class: "md-button" }, "‹ Trước");
      var next = element("button", { type: "button", class: "md-button" }, "Sau ›");
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
    var at = matches.findIndex(function (r) { return data.units[r[2]][0] + "--" + r[7] === target; });
    page = at >= 0 ? Math.floor(at / PAGE) : 0;
    function anchored() { return at >= 0 ? document.getElementById(target) : null; }
    show();
    if (anchored()) anchored().scrollIntoView();
    root.dataset.loaded = "1";
    // Draw the same page again (the achievements came in), the anchored entry kept in
    // view if the reader has not scrolled away from it.
    return function () {
      var node = anchored();
      var still = node && Math.abs(node.getBoundingClientRect().top) < 2;
      show();
      if (still && anchored()) anchored().scrollIntoView();
    };
  }

  function init() {
    var root = document.getElementById("bang-vang-app");
    if (root) start(root);
  }
  if (window.document$) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
