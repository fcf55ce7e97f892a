"""Plan + facts → {path: Markdown | bytes}: pages, open data, the PDF; pure."""
