// Typeset the math that pymdownx.arithmatex (generic mode) leaves in the page: each
// .arithmatex element holds one formula, inline as <span>\(...\)</span>, display as
// <div>\[...\]</div>. KaTeX (served by this site under assets/katex/) is loaded only by pages
// that have math, so the others do not pay for it. Material emits document$ on the first load
// and after every instant navigation, so each page is typeset once, when it arrives.
const katexBase = new URL("../katex/", document.currentScript.src);
let katexReady = null;

function loadKatex() {
  if (katexReady === null) {
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = new URL("katex.min.css", katexBase);
    document.head.append(style);
    katexReady = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL("katex.min.js", katexBase);
      script.onload = resolve;
      script.onerror = () => reject(new Error(`could not load ${script.src}`));
      document.head.append(script);
    });
  }
  return katexReady;
}

document$.subscribe(({ body }) => {
  const formulas = body.querySelectorAll(".arithmatex");
  if (formulas.length === 0) return;
  loadKatex().then(() => {
    for (const element of formulas) {
      const tex = element.textContent.trim().replace(/^\\[([]|\\[)\]]$/g, "");
      katex.render(tex, element, {
        displayMode: element.tagName === "DIV",
        throwOnError: false,
      });
    }
  });
});
