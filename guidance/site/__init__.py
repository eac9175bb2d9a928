"""The engine-neutral site: the generated tree, page macros, the page-HTML pass, the post-build step, exports."""
