"""What runs on the folder an engine built: engine-neutral code that reads or patches the engine's output.

It imports no engine (pyproject.toml's contract `engines-output`); the adapters beside it (guidance/engines/)
call it. guidance/site/ only writes the generated tree and the engine-neutral files.

- `postbuild`: the post-build step, after either engine (permanent links, print-page links, readability
  report, search index), and again for the changed pages under `make serve`;
- `permalinks`: the pages `/id/<ID>/` that forward to where an item lives now;
- `print_links`: the print page's links to pages it leaves out;
- `readability`: reading ease of a built page's running prose;
- `search_index`: ids, synonyms and best bets into the engine's search index; the spelling vocabulary;
- `rebuild_memory`: what `make serve` keeps between two rebuilds (the search index, compiled templates);
- `editions`: the kept editions' frozen pages unpacked and marked in a build; a build frozen as an edition;
- `edition_text`: the reader text of a released edition, read from its frozen pages, and what changed;
- `linkcheck`: every internal link and anchor of a built site;
- `dist`: `make dist`, the site to publish with its downloads; `nginx_preview`: `make preview`;
- `pdfs`, `whole_pdf`: the PDFs printed from a built site; `offline_pack`: the pack that works from file://.
"""
