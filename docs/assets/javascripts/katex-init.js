// Typeset the math that pymdownx.arithmatex (generic mode) leaves in the page: each
// .arithmatex element holds one formula, inline as <span>\(...\)</span>, display as
// <div>\[...\]</div>. Material emits document$ on the first load and after every instant
// navigation, so each page is typeset once, when it arrives.
document$.subscribe(({ body }) => {
  for (const element of body.querySelectorAll(".arithmatex")) {
    const tex = element.textContent.trim().replace(/^\\[([]|\\[)\]]$/g, "");
    katex.render(tex, element, {
      displayMode: element.tagName === "DIV",
      throwOnError: false,
    });
  }
});
