"""Names the dead-code check (vulture, `make lint`) cannot see being used; each says who uses it.

Not imported by anything: vulture reads this file as if it were code that uses these names.
"""
# ruff: noqa: B018, F821
# pydantic: the models' settings and front-matter keys that MkDocs and Material read themselves
model_config  # macros/data/models/base.py (pydantic reads it)
hide  # macros/data/models/pages.py: PageMeta.hide, read by Material from the front matter
topics  # macros/docs_check.py: Known.topics, read by getattr through MACRO_ARGS
# zipfile.ZipInfo attributes that zipfile reads when writing
compress_type  # macros/site/editions.py, macros/site/offline_pack.py
external_attr  # macros/site/editions.py, macros/site/offline_pack.py
# called by frameworks, not by our code
GuidancePlugin  # pyproject.toml entry point mkdocs.plugins: guidance
site_name  # plugin.py: MkDocs config key
active  # plugin.py: MkDocs nav item attribute
define_env  # mkdocs-macros calls it in macros.site.page_macros
log_message  # http.server calls it (macros/site/serve.py)
handle_starttag  # html.parser calls it
handle_endtag  # html.parser calls it
handle_data  # html.parser calls it
# owned by issue #26 (the register rewrite): used by tests/test_register.py until that lands
register_problems
