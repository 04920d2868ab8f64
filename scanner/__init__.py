"""Injected-content scanner: finds SEO spam planted in page text (detect), applies it
to pages with a publishing gate and reviewer clearances (service), and shows it in
the admin (views, admin — loaded from documents/wagtail_hooks.py)."""
