"""Names the dead-code check (vulture, `make lint`) cannot see being used; each says who uses it.

Not imported by anything: vulture reads this file as if it were code that uses these names.
"""
# ruff: noqa: B018, F821
# pydantic: the models' settings and front-matter keys that MkDocs and Material read themselves
model_config  # guidance/data/models/base.py (pydantic reads it)
hide  # guidance/data/models/pages.py: PageMeta.hide, read by Material from the front matter
topics  # guidance/docs_check.py: Known.topics, read by getattr through MACRO_ARGS
# zipfile.ZipInfo attributes that zipfile reads when writing
compress_type  # guidance/engines/output/editions.py, guidance/engines/output/offline_pack.py
external_attr  # guidance/engines/output/editions.py, guidance/engines/output/offline_pack.py
# called by frameworks, not by our code
GuidancePlugin  # pyproject.toml entry point mkdocs.plugins: guidance
site_name  # plugin.py: MkDocs config key
active  # plugin.py: MkDocs nav item attribute

log_message  # http.server calls it (guidance/site/serve.py)
handle_starttag  # html.parser calls it
handle_endtag  # html.parser calls it
handle_data  # html.parser calls it
# owned by issue #26 (the register rewrite): used by tests/test_register.py until that lands
register_problems
# the engines call these (issue #23: guidance/engines/, guidance/site/page_html.py)
config_scheme  # guidance/engines/mkdocs_plugin.py: MkDocs reads a plugin's options from it
dirty  # guidance/engines/mkdocs_plugin.py: MkDocs passes on_startup(command=, dirty=) by keyword
extendMarkdown  # Python-Markdown calls it on an extension (page_html.py, zensical_links.py)
makeExtension  # Python-Markdown loads an extension by module name through it
print_links  # guidance/engines/output/postbuild.py: the post-build report's count, printed by scripts/build.py
DATA_FILES  # guidance/site/exports.py: which schema each data file answers to (tests/test_editor_hints.py, .vscode)
# http.server reads these (scripts/serve.py's error page server)
daemon_threads
allow_reuse_address
do_HEAD
# jinja calls these on a bytecode cache (guidance/engines/mkdocs_dirty.py, issue #30)
load_bytecode
dump_bytecode
bytecode_cache
# MkDocs' live server reads these (guidance/engines/mkdocs_live.py, issue #30)
build_delay
error_handler
# linkchecker loads this plugin class by the section [SharedPage] of its configuration (scripts/outside_linkcheck.py)
SharedPage
match_file  # MkDocs matches not_in_nav through it (guidance/engines/mkdocs_live.py ListedPaths)
