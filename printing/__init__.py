"""Printable output: exact-size PDFs rendered with WeasyPrint from the portal's content.

`products` turns content into HTML for one product; `render` turns HTML into
a PDF under a time and memory limit, with a fetcher that reads only our own
static and media files; `cache` keeps rendered files by content version.
"""
