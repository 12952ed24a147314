// Loaded by the site tests into copies of the site's pages (never shipped): checks that every link,
// button and field can take the keyboard's focus, and measures the contrast of every piece of text
// against its background (WCAG's relative luminance), then writes a report into the page.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var problems = [];
  var focusable = Array.prototype.slice.call(document.querySelectorAll("a[href], button, input, select, textarea"));
  focusable.forEach(function (element) {
    if (element.tabIndex < 0) { problems.push("not in the tab order: " + element.outerHTML.slice(0, 80)); }
    element.focus();
    if (document.activeElement !== element) { problems.push("cannot take focus: " + element.outerHTML.slice(0, 80)); }
  });
  function channels(color) {
    var match = color.match(/rgba?\(([^)]+)\)/);
    if (!match) { return null; }
    var parts = match[1].split(",").map(function (part) { return parseFloat(part); });
    return { rgb: parts.slice(0, 3), alpha: parts.length > 3 ? parts[3] : 1 };
  }
  function luminance(rgb) {
    var linear = rgb.map(function (value) {
      var c = value / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
  }
  function background(element) {
    for (var node = element; node && node.nodeType === 1; node = node.parentElement) {
      var found = channels(getComputedStyle(node).backgroundColor);
      if (found && found.alpha > 0) { return found.rgb; }
    }
    return [255, 255, 255];
  }
  var lowest = 21;
  var lowestAt = "";
  Array.prototype.slice.call(document.body.querySelectorAll("*")).forEach(function (element) {
    var hasText = Array.prototype.some.call(element.childNodes, function (node) {
      return node.nodeType === 3 && node.textContent.trim().length > 0;
    });
    if (!hasText || element.offsetParent === null && getComputedStyle(element).position !== "fixed") { return; }
    var rect = element.getBoundingClientRect();
    if (rect.right < 0 || rect.bottom < 0) { return; }  // the skip link, off screen until focused
    var text = channels(getComputedStyle(element).color);
    if (!text) { return; }
    var a = luminance(text.rgb);
    var b = luminance(background(element));
    var ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < lowest) { lowest = ratio; lowestAt = element.tagName + "." + element.className; }
  });
  var report = document.createElement("pre");
  report.id = "site-check";
  report.textContent = JSON.stringify({
    focusable: focusable.length, first: focusable.length ? focusable[0].className : "",
    problems: problems, contrast: Math.round(lowest * 100) / 100, lowestAt: lowestAt
  });
  document.body.appendChild(report);
});
