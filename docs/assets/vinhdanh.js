// Helpers shared by the site's scripts (honour roll, search); loaded before them.
window.vinhdanh = {
  // Lower-case text without diacritics, "đ" as "d": what readers type ("Nguyễn Đức" → "nguyen duc").
  // The same folding as vinhdanh.values.fold in Python.
  fold: function (text) {
    return text.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  },
  // An element made from text only (textContent): data never becomes HTML.
  element: function (tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
};
