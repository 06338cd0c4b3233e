#!/usr/bin/env python3
"""Compares an installed Windows/macOS LeagueDesk with what Qt's deploy step had to put there.

qmlimportscanner (the tool Qt's deploy script and windeployqt/macdeployqt use) is run over qml/
and the imports app/main.cpp makes; every Qt QML module it reports must have its qmldir, and its
plugin when the module has one, somewhere under a qml/ directory of the installed tree, and the
Qt platform plugin must be there too. Prints the two lists side by side and exits 1 on a gap.

Usage: check-deployed-qml.py --qt QT_ROOT --source SRC --installed DIR
tests/packaging/check_packaging.py runs the same check (scan, gaps) on Qt 6.8 here.
"""
import argparse
import glob
import json
import os
import subprocess
import sys

OTHER_PLATFORM = {"QtQuick.Controls.Windows": "win32", "QtQuick.Controls.macOS": "darwin",
                  "QtQuick.Controls.iOS": "ios"}


def find_tool(qt, name):
    for sub in ("libexec", "bin"):
        for ext in ("", ".exe"):
            p = os.path.join(qt, sub, name + ext)
            if os.path.exists(p):
                return p
    sys.exit(f"{name} not found under {qt}")


def scan(scanner, source, qml_dir):
    """The modules qmlimportscanner reports for qml/ and app/main.cpp's own imports."""
    extra = os.path.join(source, "tests", "packaging", "runtime-imports")
    out = subprocess.run([scanner, "-rootPath", os.path.join(source, "qml"), "-rootPath", extra,
                          "-importPath", qml_dir],
                         check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out)


def gaps(modules, root, platform=sys.platform, optional=()):
    """Prints every Qt QML module the app imports beside where it is under root (a qml/ directory
    with its qmldir, and its plugin); returns the names that are missing. Modules of another
    platform are skipped; `optional` ones may be missing (printed as such)."""
    files = [os.path.relpath(f, root).replace(os.sep, "/")
             for f in glob.glob(os.path.join(root, "**", "*"), recursive=True) if os.path.isfile(f)]
    qmldirs = {f for f in files if f.endswith("/qmldir")}
    missing = []
    print(f"{'QML module (qmlimportscanner)':40} installed")
    for m in modules:
        name = m.get("name", "")
        if m.get("type") != "module" or name.startswith("LeagueDesk."):
            continue
        if name in OTHER_PLATFORM and not platform.startswith(OTHER_PLATFORM[name]):
            continue
        rel = m.get("relativePath") or name.replace(".", "/")
        hits = [q for q in qmldirs if q.endswith("qml/" + rel + "/qmldir")]
        plugin_ok = True
        if hits and m.get("plugin"):
            # Beside its qmldir on Windows; in Contents/PlugIns on macOS.
            plugin_ok = any(m["plugin"] in os.path.basename(f) and f.endswith((".dll", ".dylib", ".so"))
                            for f in files)
        ok = bool(hits) and plugin_ok
        note = "" if plugin_ok else " (plugin " + m["plugin"] + " missing)"
        if not hits and name in optional:
            note = " (optional here: " + optional[name] + ")"
            ok = True
        print(f"{name:40} {hits[0] if hits else '-'}{note}")
        if not ok:
            missing.append(name)
    return missing


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--qt", required=True)
    p.add_argument("--source", required=True)
    p.add_argument("--installed", required=True)
    a = p.parse_args()
    scanner = find_tool(a.qt, "qmlimportscanner")
    missing = gaps(scan(scanner, a.source, os.path.join(a.qt, "qml")), a.installed)
    files = [os.path.relpath(f, a.installed).replace(os.sep, "/")
             for f in glob.glob(os.path.join(a.installed, "**", "*"), recursive=True) if os.path.isfile(f)]
    platform = [f for f in files if "/platforms/" in f and ("qwindows" in f or "qcocoa" in f or "qoffscreen" in f)]
    print("platform plugins:", ", ".join(platform) or "-")
    if not platform:
        missing.append("platform plugin")
    if missing:
        print("MISSING from the installed tree:", ", ".join(missing))
        sys.exit(1)
    print("every QML module the app imports is deployed")


if __name__ == "__main__":
    main()
