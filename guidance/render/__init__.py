"""Records to Markdown: one module per kind of page (data text escaped, never run as a template)."""
