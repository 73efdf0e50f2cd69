"""Two small Sphinx fixes for this book (loaded from _config.yml, sphinx.local_extensions).

1. Short names: chapters write {py:func}`mlp_lib.relu` or {py:class}`mlp_lib.MLP`, the
   names a student types, while the reference page documents each object where it is
   defined (mlp_lib.activations.relu, mlp_lib.model.MLP), so that viewcode's [source] and
   [docs] links agree. A reference that does not resolve is looked up through mlp_lib's
   own imports and retried under the defining module's name.
2. Sphinx 7.4 writes the inline script of sphinx-thebe twice on every page (a browser
   console error, "THEBE_JS_URL has already been declared"); drop the repeated copy.
3. The scripts the extensions put in every page's <head> (doctools, copy buttons, toggles,
   the theme's...) load with ``defer``: as plain <script src> each one held back the first
   paint until it had arrived and run (about a second on a phone on slow 4G, by Lighthouse).
   Deferred scripts still run in their order, before DOMContentLoaded, which is when they
   start work. documentation_options.js stays as it is: inline scripts after it set
   DOCUMENTATION_OPTIONS at once; so does every script of the search page, whose inline
   script calls doctools' _ready at once.
"""
import importlib


def canonical_name(target):
    """'mlp_lib.MLP.forward' -> 'mlp_lib.model.MLP.forward' (None if nothing to change)."""
    parts = target.split(".")
    try:
        obj = importlib.import_module(parts[0])
    except ImportError:
        return None
    owner, rest = None, []
    for i, part in enumerate(parts[1:], start=1):
        if not hasattr(obj, part):
            return None
        obj = getattr(obj, part)
        if getattr(obj, "__module__", None) and getattr(obj, "__qualname__", None):
            owner, rest = obj, parts[i + 1:]
    if owner is None:
        return None
    name = ".".join([owner.__module__, owner.__qualname__] + rest)
    return None if name == target else name


def resolve_short_names(app, env, node, contnode):
    if node.get("refdomain") != "py" or not node.get("reftarget", "").startswith("mlp_lib."):
        return None
    name = canonical_name(node["reftarget"])
    if name is None:
        return None
    domain = env.get_domain("py")
    return domain.resolve_xref(env, node["refdoc"], app.builder, node["reftype"], name, node, contnode)


def drop_repeated_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        # the two copies differ only in filename: None for one, "" for the other
        key = (getattr(script, "filename", None) or "",
               tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique


KEEP_BLOCKING = {"_static/documentation_options.js"}


def defer_scripts(app, pagename, templatename, context, doctree):
    if pagename == "search":  # its inline script calls doctools' _ready at once
        return
    scripts = context.get("script_files") or []
    for i, script in enumerate(scripts):
        name = str(getattr(script, "filename", "") or "")
        attributes = getattr(script, "attributes", {})
        if (name and "://" not in name and name not in KEEP_BLOCKING
                and not {"async", "defer"} & set(attributes) and attributes.get("type") != "module"):
            # a new asset: the builder's own objects are shared by every page
            scripts[i] = type(script)(name, **{**attributes, "defer": "defer"})


def setup(app):
    app.connect("missing-reference", resolve_short_names)
    app.connect("html-page-context", drop_repeated_scripts, priority=900)  # after the others add theirs
    app.connect("html-page-context", defer_scripts, priority=901)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
