/// The HTML report's inline stylesheet and script (the report loads nothing else).
enum HTMLAssets {
    /// The stylesheet: light and dark colour schemes, outcome colours, readable evidence.
    static let css = #"""
        :root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa;
          --line: #d1d9e0; --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --info: #0969da; --skip: #6e7781;
          --known: #8250df; --link: #0969da; }
        @media (prefers-color-scheme: dark) {
          :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #161b22; --line: #3d444d; --ok: #3fb950;
            --bad: #f85149; --warn: #d29922; --info: #58a6ff; --skip: #9198a1; --known: #ab7df8; --link: #58a6ff; }
        }
        * { box-sizing: border-box; }
        html { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
          background: var(--bg); }
        body { margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 3rem; }
        a { color: var(--link); }
        code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
        pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.75rem;
          overflow-x: auto; white-space: pre-wrap; word-break: break-word; margin: 0.25rem 0; }
        [hidden] { display: none !important; }
        h1 { font-size: 1.6rem; margin: 0.5rem 0; }
        h2 { font-size: 1.25rem; border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; }
        h4 { margin: 0.75rem 0 0.25rem; font-size: 1rem; }
        h5 { margin: 0.25rem 0; font-size: 0.9rem; color: var(--muted); }
        .meta, footer, .timings, .duration, .empty, small { color: var(--muted); }
        footer { margin-top: 2rem; font-size: 0.85rem; }
        .badge { display: inline-block; border-radius: 999px; padding: 0 0.6em; font-size: 0.85em; font-weight: 600;
          color: #fff; background: var(--skip); }
        .badge.outcome-passed { background: var(--ok); }
        .badge.outcome-failed, .badge.outcome-error { background: var(--bad); }
        .badge.outcome-warning { background: var(--warn); } .badge.outcome-informational { background: var(--info); }
        .badge.outcome-knownIssue { background: var(--known); }
        .ok { color: var(--ok); } .bad { color: var(--bad); }
        .verdict { border: 1px solid var(--line); border-left: 6px solid var(--skip); border-radius: 6px;
          padding: 0.5rem 1rem; margin: 0.75rem 0; background: var(--panel); }
        .verdict p { margin: 0.25rem 0; } .verdict ul { margin: 0.25rem 0; padding-left: 1.25rem; }
        .verdict-ready { border-left-color: var(--ok); } .verdict-notReady { border-left-color: var(--bad); }
        .verdict-incomplete { border-left-color: var(--warn); }
        li.verdict-ready::marker { color: var(--ok); } li.verdict-notReady::marker { color: var(--bad); }
        .banner { border: 1px solid var(--bad); border-radius: 6px; padding: 0.5rem 1rem; color: var(--bad); }
        .baseline { border: 1px solid var(--line); border-radius: 6px; padding: 0.25rem 1rem; margin: 0.75rem 0; }
        table { border-collapse: collapse; width: 100%; margin: 0.75rem 0; font-variant-numeric: tabular-nums; }
        th, td { border-bottom: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: right; }
        th[scope=row], thead th:first-child { text-align: left; }
        td.zero { color: var(--muted); opacity: 0.5; }
        td.outcome-failed a, td.outcome-error a { color: var(--bad); font-weight: 700; }
        td.outcome-passed a { color: var(--ok); } td.outcome-warning a { color: var(--warn); font-weight: 700; }
        tfoot th, tfoot td { font-weight: 700; border-bottom: none; }
        #filters { position: sticky; top: 0; z-index: 2; background: var(--bg); display: flex; flex-wrap: wrap;
          gap: 0.5rem 1rem; align-items: center; padding: 0.5rem 0; border-bottom: 1px solid var(--line); }
        fieldset { border: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem;
          flex: 1 1 100%; min-width: 0; }
        legend { float: left; margin-right: 0.5rem; font-weight: 600; }
        .chip { border: 1px solid var(--line); border-radius: 999px; padding: 0 0.6em; cursor: pointer; }
        .chip.zero { opacity: 0.5; }
        #shown { margin-left: auto; color: var(--muted); }
        .scenario { border: 1px solid var(--line); border-left: 5px solid var(--skip); border-radius: 6px;
          margin: 0.5rem 0; }
        .scenario.outcome-passed { border-left-color: var(--ok); }
        .scenario.outcome-failed, .scenario.outcome-error { border-left-color: var(--bad); }
        .scenario.outcome-warning { border-left-color: var(--warn); }
        .scenario.outcome-informational { border-left-color: var(--info); }
        .scenario.outcome-knownIssue { border-left-color: var(--known); }
        .scenario > details > summary { padding: 0.4rem 0.75rem; cursor: pointer; }
        .scenario .body { padding: 0 1rem 0.75rem; }
        .id { font-weight: 600; }
        .facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.5rem 0; }
        .facts dt { color: var(--muted); } .facts dd { margin: 0; }
        .finding { border: 1px solid var(--line); border-left: 4px solid var(--bad); border-radius: 6px;
          padding: 0 0.75rem; margin: 0.5rem 0; }
        .finding.level-SHOULD { border-left-color: var(--warn); } .finding.level-MAY { border-left-color: var(--info); }
        .level { font-size: 0.75em; font-weight: 700; border: 1px solid currentColor; border-radius: 4px;
          padding: 0 0.3em; }
        .tag { font-size: 0.85em; }
        .exchange { margin: 0.4rem 0; } .exchange > details > summary { cursor: pointer; }
        .panes { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 0.75rem; }
        .status-2xx { color: var(--ok); } .status-4xx, .status-5xx, .status-none { color: var(--bad); }
        .status-3xx { color: var(--warn); }
        .curl-head { display: flex; justify-content: space-between; align-items: center; color: var(--muted);
          font-size: 0.85rem; }
        button { font: inherit; cursor: pointer; border: 1px solid var(--line); border-radius: 6px;
          background: var(--panel); color: var(--fg); padding: 0.1rem 0.6rem; }
        .setup { margin: 0.5rem 0; } .note, .reason { color: var(--muted); }
        """#

    /// The script: filters by outcome, suite and tag kept in the URL fragment, evidence links that open what
    /// they point at, and copy buttons. It marks `<html data-ready="true">` when it has run.
    static let script = #"""
        (function () {
          "use strict";
          var articles = Array.prototype.slice.call(document.querySelectorAll("article.scenario"));
          var suites = Array.prototype.slice.call(document.querySelectorAll("section.suite"));
          var boxes = Array.prototype.slice.call(document.querySelectorAll("#filter-outcome input"));
          var suiteSelect = document.getElementById("filter-suite");
          var tagSelect = document.getElementById("filter-tag");
          var shown = document.getElementById("shown");

          function parse(hash) {
            var text = (hash || "").replace(/^#/, "");
            if (text.indexOf("=") < 0) { return null; }
            var state = { outcome: [], suite: "", tag: "" };
            text.split("&").forEach(function (pair) {
              var index = pair.indexOf("=");
              if (index < 0) { return; }
              var key = decodeURIComponent(pair.slice(0, index));
              var value = decodeURIComponent(pair.slice(index + 1).replace(/\+/g, " "));
              if (key === "outcome") { state.outcome = value ? value.split(",") : []; }
              if (key === "suite") { state.suite = value; }
              if (key === "tag") { state.tag = value; }
            });
            return state;
          }

          function serialize(state) {
            var parts = [];
            if (state.outcome.length) { parts.push("outcome=" + state.outcome.map(encodeURIComponent).join(",")); }
            if (state.suite) { parts.push("suite=" + encodeURIComponent(state.suite)); }
            if (state.tag) { parts.push("tag=" + encodeURIComponent(state.tag)); }
            return parts.join("&");
          }

          function fromControls() {
            return {
              outcome: boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; }),
              suite: suiteSelect ? suiteSelect.value : "",
              tag: tagSelect ? tagSelect.value : ""
            };
          }

          function apply(state) {
            boxes.forEach(function (box) { box.checked = state.outcome.indexOf(box.value) >= 0; });
            if (suiteSelect) { suiteSelect.value = state.suite; }
            if (tagSelect) { tagSelect.value = state.tag; }
            var visible = 0;
            articles.forEach(function (article) {
              var tags = (article.getAttribute("data-tags") || "").split(" ");
              var match = (!state.outcome.length || state.outcome.indexOf(article.getAttribute("data-outcome")) >= 0)
                && (!state.suite || article.getAttribute("data-suite") === state.suite)
                && (!state.tag || tags.indexOf(state.tag) >= 0);
              if (match) {
                article.removeAttribute("hidden");
                visible += 1;
              } else {
                article.setAttribute("hidden", "");
              }
            });
            suites.forEach(function (suite) {
              var any = suite.querySelector("article.scenario:not([hidden])") !== null;
              var filtered = state.outcome.length || state.suite || state.tag;
              if (any || !filtered) { suite.removeAttribute("hidden"); } else { suite.setAttribute("hidden", ""); }
            });
            if (shown) { shown.textContent = "Showing " + visible + " of " + articles.length + " scenarios"; }
            document.documentElement.setAttribute("data-filter", serialize(state));
            document.documentElement.setAttribute("data-visible", String(visible));
          }

          function onControls() {
            var state = fromControls();
            var fragment = serialize(state);
            history.replaceState(null, "", fragment ? "#" + fragment : location.pathname + location.search);
            apply(state);
          }

          boxes.forEach(function (box) { box.addEventListener("change", onControls); });
          if (suiteSelect) { suiteSelect.addEventListener("change", onControls); }
          if (tagSelect) { tagSelect.addEventListener("change", onControls); }
          var clear = document.getElementById("filter-clear");
          if (clear) {
            clear.addEventListener("click", function () {
              boxes.forEach(function (box) { box.checked = false; });
              if (suiteSelect) { suiteSelect.value = ""; }
              if (tagSelect) { tagSelect.value = ""; }
              onControls();
            });
          }
          window.addEventListener("hashchange", function () {
            var state = parse(location.hash);
            if (state) { apply(state); } else { reveal(location.hash.slice(1)); }
          });

          function reveal(id) {
            var target = id ? document.getElementById(decodeURIComponent(id)) : null;
            if (!target) { return; }
            var article = target.closest ? target.closest("article.scenario") : null;
            if (article && article.hasAttribute("hidden")) { apply({ outcome: [], suite: "", tag: "" }); }
            for (var node = target; node; node = node.parentElement) {
              if (node.tagName === "DETAILS") { node.open = true; }
            }
            var inner = target.querySelector ? target.querySelector("details") : null;
            if (inner) { inner.open = true; }
            target.scrollIntoView({ block: "start" });
          }

          Array.prototype.slice.call(document.querySelectorAll("a[data-jump]")).forEach(function (link) {
            link.addEventListener("click", function (event) {
              event.preventDefault();
              reveal(link.getAttribute("href").slice(1));
            });
          });

          Array.prototype.slice.call(document.querySelectorAll("button[data-copy]")).forEach(function (button) {
            button.addEventListener("click", function () {
              var source = document.getElementById(button.getAttribute("data-copy"));
              var text = source ? source.textContent : "";
              function done() {
                button.textContent = "Copied";
                setTimeout(function () { button.textContent = "Copy"; }, 1500);
              }
              function fallback() {
                var area = document.createElement("textarea");
                area.value = text;
                document.body.appendChild(area);
                area.select();
                try { document.execCommand("copy"); done(); } catch (error) { button.textContent = "Select and copy"; }
                document.body.removeChild(area);
              }
              if (navigator.clipboard && navigator.clipboard.writeText) {
                navigator.clipboard.writeText(text).then(done, fallback);
              } else {
                fallback();
              }
            });
          });

          var initial = parse(location.hash);
          apply(initial || { outcome: [], suite: "", tag: "" });
          if (!initial && location.hash.length > 1) { reveal(location.hash.slice(1)); }
          document.documentElement.setAttribute("data-ready", "true");
        })();
        """#
}
