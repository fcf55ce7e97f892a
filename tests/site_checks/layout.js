// What a 390 px screen gets wrong, for tests/site_checks/test_phone_layout.py: sideways scroll,
// a table wider than the screen outside a scroll region, a word broken or clipped in its cell.
() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth > width) problems.push(`the page scrolls sideways: ${scrollWidth} px wide`);
  const scrolls = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (/(auto|scroll)/.test(getComputedStyle(up).overflowX)) return up;
    }
    return null;
  };
  const label = (table) => (table.caption ? table.caption.textContent : table.className).trim().slice(0, 60);
  for (const table of document.querySelectorAll("article table")) {
    const box = table.getBoundingClientRect();
    if (box.width === 0) continue;
    const region = scrolls(table);
    if (box.width > width + 0.5 && !region) problems.push(`table "${label(table)}" is ${Math.round(box.width)} px wide`);
    // a scroll region is fine; inside it a word still must not break or be clipped
    for (const cell of table.querySelectorAll("th, td")) {
      const edge = cell.getBoundingClientRect();
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of node.data.matchAll(/[^\s\/–—-]+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const rects = [...range.getClientRects()].filter((r) => r.width > 0);
          const right = Math.max(...rects.map((r) => r.right));
          const left = Math.min(...rects.map((r) => r.left));
          if (rects.length > 1) problems.push(`"${word[0]}" is broken across lines in "${label(table)}"`);
          else if (right > edge.right + 1 || left < edge.left - 1) problems.push(`"${word[0]}" sticks out of its cell in "${label(table)}"`);
        }
      }
    }
  }
  return problems;
}
