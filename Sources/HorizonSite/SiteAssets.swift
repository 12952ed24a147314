/// The site's style sheet and its one script, written by Horizon for it.
enum SiteAssets {
    static let css = """
        :root { --ink: #1d1d1f; --muted: #4d5156; --line: #d8dde3; --brand: #005eb8; --paper: #ffffff; --wash: #f4f5f7; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 Arial, Helvetica, sans-serif; color: var(--ink); background: var(--wash); overflow-wrap: anywhere; }
        a { color: var(--brand); }
        a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid #ffb81c; outline-offset: 2px; }
        .skip { position: absolute; left: -9999px; }
        .skip:focus { left: 8px; top: 8px; background: var(--paper); padding: 6px 10px; z-index: 1; }
        header.top { background: var(--brand); color: #fff; padding: 10px 16px; display: flex; flex-wrap: wrap; align-items: center; gap: 4px 24px; }
        header.top a { color: #fff; }
        .brand { margin: 0; font-weight: bold; font-size: 18px; }
        .brand a { text-decoration: none; }
        nav ul { list-style: none; margin: 0; padding: 0; display: flex; gap: 16px; }
        nav a[aria-current="page"] { font-weight: bold; text-decoration-thickness: 3px; }
        main { max-width: 960px; margin: 0 auto; padding: 16px; background: var(--paper); }
        h1 { font-size: 28px; line-height: 1.2; margin: 8px 0 12px; }
        h2 { font-size: 21px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); color: var(--brand); }
        h3 { font-size: 17px; margin: 0 0 4px; }
        .lead { color: var(--muted); }
        ol.stories, ol.results { list-style: none; padding: 0; margin: 0; }
        li.story, ol.results li { padding: 12px 0; border-bottom: 1px solid var(--line); }
        .meta, .ids, .count, .kind { color: var(--muted); font-size: 14px; margin: 2px 0; }
        code { font-family: Menlo, Consolas, monospace; font-size: 13px; background: #eef1f4; padding: 1px 4px; border-radius: 3px; }
        ul.columns { columns: 2 260px; }
        table { border-collapse: collapse; width: 100%; font-size: 15px; }
        th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
        th { background: var(--wash); }
        figure.chart { margin: 8px 0; }
        figure.chart svg { width: 100%; max-width: 640px; height: auto; display: block; }
        figcaption { color: var(--muted); font-size: 14px; }
        form { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
        form label { width: 100%; }
        input[type="search"] { flex: 1 1 220px; font-size: 16px; padding: 8px; border: 1px solid var(--muted); border-radius: 4px; }
        button { font-size: 16px; padding: 8px 16px; background: var(--brand); color: #fff; border: 0; border-radius: 4px; }
        footer { max-width: 960px; margin: 0 auto; padding: 12px 16px 24px; color: var(--muted); font-size: 14px; }
        @media (max-width: 600px) {
          main { padding: 12px; }
          h1 { font-size: 24px; }
          table, thead, tbody, tr, th, td { display: block; }
          thead { position: absolute; left: -9999px; }
          tr { border-bottom: 1px solid var(--line); padding: 6px 0; }
          td { border: 0; padding: 2px 0; }
          td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-size: 14px; }
          td[data-label="Item or innovation"]::before, td[data-label="Innovation"]::before { content: none; }
        }
        @media print {
          body { background: #fff; font-size: 11pt; }
          header.top, nav, .skip, footer, form { display: none; }
          main { max-width: none; padding: 0; }
          a { color: var(--ink); text-decoration: none; }
          h2 { break-after: avoid; color: var(--ink); }
          tr, li { break-inside: avoid; }
          table { font-size: 10pt; }
          td code { white-space: nowrap; background: none; padding: 0; }
        }

        """

    /// Reads `?q=` and lists the entries of `horizonSearch` whose title holds every word typed.
    /// Results are made with text nodes only, so no title can become markup.
    static let searchScript = """
        "use strict";
        (function () {
          var data = window.horizonSearch || [];
          var form = document.querySelector("form[role=search]");
          var input = document.getElementById("q");
          var list = document.getElementById("results");
          var summary = document.getElementById("summary");
          function fold(text) {
            return text.toLowerCase().normalize("NFD").replace(/[\\u0300-\\u036f]/g, "");
          }
          function words(text) {
            return fold(text).split(/[^a-z0-9]+/).filter(function (word) { return word.length > 0; });
          }
          var months = ["January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"];
          function day(iso) {
            var parts = iso.split("-");
            if (parts.length !== 3) { return iso; }
            return Number(parts[2]) + " " + months[Number(parts[1]) - 1] + " " + parts[0];
          }
          function safe(link) {
            return /^(https?:\\/\\/|mailto:)/i.test(link) || /^innovations\\/[A-Za-z0-9_-]+\\.html$/.test(link);
          }
          function show(query) {
            var wanted = words(query);
            while (list.firstChild) { list.removeChild(list.firstChild); }
            if (wanted.length === 0) { return; }
            var found = data.filter(function (row) {
              var title = fold(row[1]) + " " + fold(row[3]);
              return wanted.every(function (word) { return title.indexOf(word) >= 0; });
            });
            found.slice(0, 200).forEach(function (row) {
              var item = document.createElement("li");
              var heading = document.createElement("h3");
              var target = row[2];
              var label = row[1] || row[3];
              if (target && safe(target)) {
                var link = document.createElement("a");
                link.href = target;
                link.textContent = label;
                heading.appendChild(link);
              } else {
                heading.textContent = label;
              }
              item.appendChild(heading);
              var meta = document.createElement("p");
              meta.className = "meta";
              meta.textContent = (row[0] === "i" ? "innovation · " : "story · ") + day(row[4]) + " · id ";
              var code = document.createElement("code");
              code.textContent = row[3];
              meta.appendChild(code);
              item.appendChild(meta);
              list.appendChild(item);
            });
            summary.textContent = found.length === 0
              ? "Nothing found for \\u201c" + query + "\\u201d."
              : found.length + " found for \\u201c" + query + "\\u201d" + (found.length > 200 ? " (the first 200 shown)." : ".");
          }
          var query = new URLSearchParams(window.location.search).get("q") || "";
          input.value = query;
          show(query);
          form.addEventListener("submit", function (event) {
            event.preventDefault();
            show(input.value);
            if (window.history && window.history.replaceState && window.location.protocol !== "file:") {
              window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
            }
          });
        })();

        """
}
