#!/usr/bin/env python3
"""Checks the Flatpak manifest without building it (there is no Flathub here).

Usage: check-manifest.py MANIFEST SOURCE_ROOT

- the manifest parses as JSON and names the GNOME runtime, the app id of
  meson.build and the command chc-monitor;
- every dependency that Meson looks for (dependency('…') and
  find_library('…') in the meson.build files) is either provided by the
  GNOME runtime/SDK or built by a module of the manifest (libcsv);
- the last module builds this project with Meson from the source tree.

Exit status 0 when all is well, 1 with one line per problem otherwise.
"""
import json
import os
import re
import sys

# The oldest GNOME runtime still supported.
MIN_RUNTIME = 47

# Libraries the org.gnome.Platform runtime (and its SDK) already provides.
RUNTIME_PROVIDED = {
    "glib-2.0", "gobject-2.0", "gio-2.0", "gio-unix-2.0", "gmodule-2.0",
    "gtk4", "libadwaita-1", "cairo", "pangocairo", "pango", "sqlite3",
    "gdk-pixbuf-2.0", "fontconfig", "freetype2", "libxml-2.0", "zlib",
    "epoxy", "m", "dl", "threads",
    "json-glib-1.0",
}

DEP_RE = re.compile(r"""\b(?:dependency|find_library)\s*\(\s*['"]([^'"]+)['"]""")


def meson_dependencies(root):
    deps = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames
                       if not d.startswith(".") and not d.startswith("build")
                       and d not in ("subprojects", "flatpak")]
        if "meson.build" not in filenames:
            continue
        path = os.path.join(dirpath, "meson.build")
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                code = line.split("#", 1)[0]
                for name in DEP_RE.findall(code):
                    deps.setdefault(name, f"{os.path.relpath(path, root)}:{lineno}")
    return deps


def module_names(modules):
    names = set()
    for module in modules:
        if isinstance(module, str):     # a module in a separate file
            names.add(os.path.splitext(os.path.basename(module))[0])
            continue
        names.add(module.get("name", ""))
        names |= module_names(module.get("modules", []))
    return names


def covered(dep, names):
    candidates = {dep, "lib" + dep, dep.removeprefix("lib")}
    return any(c in names for c in candidates)


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    manifest_path, root = argv[1], argv[2]
    problems = []

    try:
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        print(f"{manifest_path}: {e}")
        return 1

    with open(os.path.join(root, "meson.build"), encoding="utf-8") as f:
        top = f.read()
    m = re.search(r"""app_id\s*=\s*['"]([^'"]+)['"]""", top)
    app_id = m.group(1) if m else None

    expect = {
        "id": app_id,
        "runtime": "org.gnome.Platform",
        "sdk": "org.gnome.Sdk",
        "command": "chc-monitor",
    }
    for key, value in expect.items():
        if manifest.get(key) != value:
            problems.append(f"{key}: expected {value!r}, found {manifest.get(key)!r}")

    # A runtime still supported (GNOME 47 or later).
    try:
        if int(str(manifest.get("runtime-version", "0"))) < MIN_RUNTIME:
            problems.append(f"runtime-version: {manifest.get('runtime-version')!r} is no longer "
                            f"supported; {MIN_RUNTIME} or later")
    except ValueError:
        problems.append(f"runtime-version: {manifest.get('runtime-version')!r} is not a GNOME version")

    finish = set(manifest.get("finish-args", []))
    for arg in ("--share=ipc", "--socket=wayland", "--device=dri"):
        if arg not in finish:
            problems.append(f"finish-args: {arg} is missing")
    # Every file the user chooses comes through the portals.
    for arg in sorted(finish):
        if arg.startswith("--filesystem="):
            problems.append(f"finish-args: {arg}: files are reached through the portals only")
    if not finish & {"--socket=x11", "--socket=fallback-x11"}:
        problems.append("finish-args: no X11 socket")

    modules = manifest.get("modules", [])
    if not modules:
        problems.append("modules: none")
    else:
        names = module_names(modules)
        for dep, where in sorted(meson_dependencies(root).items()):
            if dep in RUNTIME_PROVIDED:
                continue
            if not covered(dep, names):
                problems.append(f"dependency {dep!r} ({where}) is neither in the "
                                f"GNOME runtime nor built by a module")
        for module in modules:
            if isinstance(module, dict) and not module.get("sources"):
                problems.append(f"module {module.get('name')!r}: no sources")
            for source in (module.get("sources", []) if isinstance(module, dict) else []):
                if source.get("type") in ("archive", "file") and not source.get("sha256"):
                    problems.append(f"module {module.get('name')!r}: {source.get('url')} has no sha256")
                if source.get("type") == "git" and not (source.get("commit") or source.get("tag")):
                    problems.append(f"module {module.get('name')!r}: git source is not pinned")

        app = modules[-1]
        if not isinstance(app, dict) or app.get("name") != "chc-monitor":
            problems.append("the last module must be chc-monitor")
        else:
            if app.get("buildsystem") != "meson":
                problems.append("module chc-monitor: buildsystem must be meson")
            if {"type": "dir", "path": ".."} not in app.get("sources", []):
                problems.append("module chc-monitor: source must be the directory ..")

    for p in problems:
        print(f"{manifest_path}: {p}")
    if not problems:
        print(f"{manifest_path}: ok ({len(modules)} modules)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
