#!/usr/bin/env python3
"""Fast packaging checks for LeagueDesk (ctest: packaging_files, packaging_deb, packaging_nsis).

Each subcommand prints one line per check and ends with 'N passed, N failed'; it exits non-zero
when a check failed. No network. See packaging/README.md.
"""
import argparse
import json
import os
import plistlib
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PASSED = []
FAILED = []


def check(ok, what, detail=""):
    (PASSED if ok else FAILED).append(what)
    print(("ok   " if ok else "FAIL ") + what + (("\n     " + detail.replace("\n", "\n     ")) if detail and not ok else ""))
    return ok


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)


def need_tool(name, package):
    path = shutil.which(name)
    check(path is not None, f"tool {name} is installed", f"install Debian's {package} (scripts/install-deps.sh does)")
    return path


def finish():
    print(f"{len(PASSED)} passed, {len(FAILED)} failed")
    sys.exit(1 if FAILED else 0)


# --------------------------------------------------------------------------------------------
# packaging_files

def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def ico_sizes(path):
    with open(path, "rb") as f:
        data = f.read()
    _, kind, count = struct.unpack("<HHH", data[:6])
    sizes = []
    for i in range(count):
        w, h = data[6 + 16 * i], data[7 + 16 * i]
        sizes.append((w or 256, h or 256))
    return kind, sizes


def icns_types(path):
    with open(path, "rb") as f:
        data = f.read()
    types = []
    if data[:4] != b"icns":
        return types
    pos = 8
    while pos + 8 <= len(data):
        kind, length = data[pos:pos + 4], struct.unpack(">I", data[pos + 4:pos + 8])[0]
        types.append(kind.decode("latin1"))
        if length < 8:
            break
        pos += length
    return types


def cmd_files(a):
    pkg = os.path.join(a.source, "packaging")
    linux = os.path.join(pkg, "linux")
    desktop = os.path.join(linux, a.app_id + ".desktop")
    metainfo = os.path.join(linux, a.app_id + ".metainfo.xml")

    if need_tool("desktop-file-validate", "desktop-file-utils"):
        r = run(["desktop-file-validate", desktop])
        check(r.returncode == 0 and not r.stdout.strip(), "desktop-file-validate " + os.path.basename(desktop), r.stdout)
    entries = dict(l.split("=", 1) for l in open(desktop, encoding="utf-8").read().splitlines() if "=" in l)
    check(entries.get("Icon") == a.app_id, "desktop file's Icon= is the app id", entries.get("Icon", ""))
    check(entries.get("Exec", "").split()[0] == "leaguedesk", "desktop file starts leaguedesk", entries.get("Exec", ""))

    if need_tool("appstreamcli", "appstream"):
        r = run(["appstreamcli", "validate", "--no-net", "--pedantic", metainfo])
        check(r.returncode == 0, "appstreamcli validate " + os.path.basename(metainfo), r.stdout)
    root = ET.parse(metainfo).getroot()
    check(root.findtext("id") == a.app_id, "AppStream id is the app id", root.findtext("id") or "")
    check(root.findtext("launchable") == a.app_id + ".desktop", "AppStream launchable names the desktop file")
    releases = root.findall("releases/release")
    newest = releases[0].get("version") if releases else None
    check(newest == a.version, f"newest AppStream release is {a.version}",
          f"newest <release> is {newest}: add a <release> for project(VERSION) in {metainfo}")

    changelog = open(os.path.join(linux, "changelog"), encoding="utf-8").readline()
    m = re.match(r"leaguedesk \(([^)]+)\)", changelog)
    check(m is not None and m.group(1) == a.version, f"packaging/linux/changelog starts with {a.version}", changelog.strip())

    for page in ("leaguedesk", "leaguedesk-watch", "leaguedesk-server"):
        src = os.path.join(linux, "man", page + ".1")
        check(os.path.exists(src), f"man page {page}.1 exists")
        if shutil.which("man"):
            r = run(["man", "--warnings", "-l", "-Tutf8", "-Z", src], env=dict(os.environ, MANROFFSEQ="", LC_ALL="C.UTF-8"))
            check(r.returncode == 0 and "warning" not in r.stdout, f"man --warnings {page}.1", r.stdout[-2000:])

    resources = os.path.join(os.path.dirname(pkg), "resources", "icons")
    icons = os.path.join(resources, "hicolor")
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        png = os.path.join(icons, f"{size}x{size}", "apps", a.app_id + ".png")
        got = png_size(png) if os.path.exists(png) else None
        check(got == (size, size), f"icon {size}x{size} PNG", f"{png}: {got}")
    check(os.path.exists(os.path.join(icons, "scalable", "apps", a.app_id + ".svg")), "scalable SVG icon")
    ET.parse(os.path.join(resources, "leaguedesk.svg"))  # well-formed, or this raises

    kind, sizes = ico_sizes(os.path.join(resources, "leaguedesk.ico"))
    check(kind == 1 and {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(sizes), ".ico has 16, 32, 48 and 256 px", str(sizes))
    types = icns_types(os.path.join(resources, "leaguedesk.icns"))
    check(len(types) >= 4, ".icns has several sizes", str(types))

    # The files CMake configured from packaging/ at configure time.
    out = os.path.join(a.build, "packaging")
    with open(os.path.join(out, "macos", "Info.plist"), "rb") as f:
        plist = plistlib.load(f)
    for key, want in (("CFBundleIdentifier", a.app_id), ("CFBundleShortVersionString", a.version),
                      ("CFBundleVersion", a.version), ("CFBundleExecutable", "LeagueDesk"),
                      ("CFBundleIconFile", "leaguedesk.icns"), ("CFBundlePackageType", "APPL"),
                      ("NSHighResolutionCapable", True)):
        check(plist.get(key) == want, f"Info.plist {key} = {want}", f"is {plist.get(key)!r}")
    check(bool(re.match(r"^\d+\.\d+$", str(plist.get("LSMinimumSystemVersion", "")))), "Info.plist LSMinimumSystemVersion set")

    rc = open(os.path.join(out, "windows", "leaguedesk.rc"), encoding="utf-8").read()
    comma = ",".join(a.version.split(".") + ["0"])
    check(f"FILEVERSION {comma}" in rc and f'"ProductVersion", "{a.version}"' in rc, f"leaguedesk.rc carries {a.version}")
    check("@" not in rc, "leaguedesk.rc has no unconfigured @VAR@")
    for page in ("leaguedesk", "leaguedesk-watch", "leaguedesk-server"):
        r = run(["gzip", "-dc", os.path.join(out, "man", page + ".1.gz")])
        check(f'"LeagueDesk {a.version}"' in r.stdout, f"{page}.1.gz names version {a.version}")

    # Flatpak manifest: valid JSON naming the app id and the KDE runtime.
    manifest = os.path.join(linux, "flatpak", a.app_id + ".json")
    if check(os.path.exists(manifest), "Flatpak manifest exists"):
        m = json.load(open(manifest, encoding="utf-8"))
        check(m.get("id", m.get("app-id")) == a.app_id and m.get("runtime") == "org.kde.Platform",
              "Flatpak manifest: app id and org.kde.Platform runtime")
    finish()


# --------------------------------------------------------------------------------------------
# packaging_deb

def deb_field(deb, field):
    return run(["dpkg-deb", "-f", deb, field]).stdout.strip()


def deb_files(deb):
    r = run(["dpkg-deb", "-c", deb])
    return {line.split(None, 5)[5].split(" -> ")[0].lstrip(".") for line in r.stdout.splitlines() if line.strip()}


def deb_file_text(deb, path):
    r = subprocess.run(f"dpkg-deb --fsys-tarfile '{deb}' | tar -xO '.{path}'", shell=True,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return r.stdout


def deb_control_text(deb, name):
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["dpkg-deb", "-e", deb, d], check=True)
        p = os.path.join(d, name)
        return open(p).read() if os.path.exists(p) else None, (os.stat(p).st_mode & 0o777) if os.path.exists(p) else 0


def depends_names(deb):
    names = set()
    for alt in deb_field(deb, "Depends").split(","):
        for choice in alt.split("|"):
            if choice.strip():
                names.add(choice.strip().split()[0])
    return names


# Styles that QtQuick.Controls lists as optional imports but that exist on other platforms only.
OTHER_PLATFORM_MODULES = {"QtQuick.Controls.Windows", "QtQuick.Controls.macOS", "QtQuick.Controls.iOS"}


def qml_packages(a):
    """Runs qmlimportscanner over qml/ and the C++-side imports; returns {module: Debian package}."""
    here = os.path.dirname(os.path.abspath(__file__))
    r = subprocess.run([a.qmlimportscanner, "-rootPath", os.path.join(a.source, "qml"),
                        "-rootPath", os.path.join(here, "runtime-imports"),
                        "-importPath", a.qt_qml_dir],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if not check(r.returncode == 0, "qmlimportscanner ran", r.stderr):
        return {}
    modules = json.loads(r.stdout)
    mapping = {}
    for m in modules:
        name = m.get("name", "")
        if m.get("type") != "module" or name.startswith("LeagueDesk.") or name in OTHER_PLATFORM_MODULES:
            continue  # the project's own modules are linked into the executable
        path = m.get("path")
        if not check(bool(path), f"QML module {name} is found in {a.qt_qml_dir}",
                     "install the Qt package that ships it on this machine, then add it to packaging/linux/deb.cmake"):
            continue
        r = run(["dpkg", "-S", os.path.join(path, "qmldir")])
        pkg = r.stdout.split(":")[0].strip() if r.returncode == 0 else None
        if check(pkg is not None, f"QML module {name} belongs to a Debian package", r.stdout):
            mapping[name] = pkg
    return mapping


def is_debian12():
    """packaging/linux/deb.cmake names Debian 12's packages (Qt 6.4): only there is Depends exact."""
    try:
        fields = dict(line.rstrip("\n").split("=", 1) for line in open("/etc/os-release") if "=" in line)
    except OSError:
        return False
    return fields.get("ID") == "debian" and fields.get("VERSION_ID", "").strip('"') == "12"


# QtQuick.Controls imports every style optionally. Debian 13's Qt 6.8 does not build FluentWinUI3;
# Qt's own Windows and macOS builds do, and their deploy step must copy it (the app uses Material).
NOT_IN_DEBIAN_QT = {"QtQuick.Controls.FluentWinUI3": "not built by Debian; Qt's Windows/macOS builds deploy it"}


def deploy_check(a):
    """On another Qt (make check-qt68: Qt 6.8, what the Windows and macOS installers ship): the check
    the release workflow runs on the installed Windows/macOS tree (packaging/ci/check-deployed-qml.py),
    over the same scan, against Qt's own qml/ directory, the tree Qt's deploy step copies from."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "check_deployed_qml", os.path.join(a.source, "packaging", "ci", "check-deployed-qml.py"))
    deployed = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(deployed)
    print(f"Qt {a.qt_version} is not Debian 12's: Depends is not checked exactly; the deploy check instead")
    try:
        modules = deployed.scan(a.qmlimportscanner, a.source, a.qt_qml_dir)
    except subprocess.CalledProcessError as e:
        check(False, "qmlimportscanner ran", str(e))
        return
    names = {m.get("name") for m in modules if m.get("type") == "module"}
    check({"QtQuick", "QtQuick.Controls", "QtQuick.Layouts"} <= names,
          "qmlimportscanner reports the views' Qt imports", str(sorted(names)))
    missing = deployed.gaps(modules, os.path.dirname(a.qt_qml_dir.rstrip("/")), optional=NOT_IN_DEBIAN_QT)
    check(not missing, f"every QML module the app imports on Qt {a.qt_version} is in {a.qt_qml_dir} for the deploy step",
          "missing: " + ", ".join(missing) + " (install its package, or if it exists on other platforms only, "
          "add it to OTHER_PLATFORM in packaging/ci/check-deployed-qml.py)")


def cmd_deb(a):
    for tool, package in (("dpkg-deb", "dpkg"), ("dpkg-shlibdeps", "dpkg-dev"), ("lintian", "lintian")):
        need_tool(tool, package)
    if FAILED:
        finish()
    shutil.rmtree(a.scratch, ignore_errors=True)
    os.makedirs(a.scratch)
    r = run([a.cpack, "--config", os.path.join(a.build, "CPackConfig.cmake"), "-G", "DEB;TGZ", "-B", a.scratch])
    if not check(r.returncode == 0, "cpack -G 'DEB;TGZ' builds the packages", r.stdout[-4000:]):
        finish()
    arch = run(["dpkg", "--print-architecture"]).stdout.strip()
    client = os.path.join(a.scratch, f"leaguedesk_{a.version}_{arch}.deb")
    server = os.path.join(a.scratch, f"leaguedesk-server_{a.version}_{arch}.deb")
    for deb in (client, server):
        check(os.path.exists(deb), "package " + os.path.basename(deb))
    if FAILED:
        finish()

    # Contents.
    files = deb_files(client)
    for f in ("/usr/bin/leaguedesk", "/usr/bin/leaguedesk-watch",
              f"/usr/share/applications/{a.app_id}.desktop", f"/usr/share/metainfo/{a.app_id}.metainfo.xml",
              f"/usr/share/icons/hicolor/scalable/apps/{a.app_id}.svg",
              f"/usr/share/icons/hicolor/512x512/apps/{a.app_id}.png",
              f"/usr/share/icons/hicolor/16x16/apps/{a.app_id}.png",
              "/usr/share/man/man1/leaguedesk.1.gz", "/usr/share/doc/leaguedesk/copyright"):
        check(f in files, f"leaguedesk ships {f}")
    check("/usr/bin/leaguedesk-server" not in files, "leaguedesk does not ship the server")
    sfiles = deb_files(server)
    for f in ("/usr/bin/leaguedesk-server", "/usr/lib/systemd/system/leaguedesk-server.service",
              "/usr/share/man/man1/leaguedesk-server.1.gz", "/usr/share/doc/leaguedesk-server/copyright"):
        check(f in sfiles, f"leaguedesk-server ships {f}")
    check(not any(f.startswith("/usr/bin/leaguedesk") and f != "/usr/bin/leaguedesk-server" for f in sfiles),
          "leaguedesk-server ships no client binary")
    for deb in (client, server):
        check(deb_field(deb, "Version") == a.version, f"{os.path.basename(deb)} has version {a.version}")

    # Depends: every QML module the views import, via its Debian package (exact on Debian 12, the
    # release the lists are written for); elsewhere the Windows/macOS deploy check.
    deps = depends_names(client)
    if is_debian12():
        mapping = qml_packages(a)
        for module, pkg in sorted(mapping.items()):
            check(pkg in deps, f"Depends has {pkg} (QML {module})",
                  f"add {pkg} to LEAGUEDESK_QML_DEPENDS in packaging/linux/deb.cmake")
        needed = set(mapping.values())
        for extra in sorted(d for d in deps if d.startswith("qml6-module-")):
            check(extra in needed, f"Depends' {extra} is still imported", "remove it from packaging/linux/deb.cmake")
    else:
        deploy_check(a)
    for lib in ("libqt6gui6", "libqt6qml6", "libqt6network6", "libqt6websockets6"):
        check(lib in deps, f"leaguedesk Depends has {lib} (dpkg-shlibdeps)")
    sdeps = depends_names(server)
    for lib in ("adduser", "libqt6sql6-sqlite", "libqt6httpserver6", "libqt6sql6"):
        check(lib in sdeps, f"leaguedesk-server Depends has {lib}")
    check(not any(d.startswith(("libqt6gui", "libqt6quick", "qml6-")) for d in sdeps), "leaguedesk-server needs no GUI package",
          str(sorted(sdeps)))

    # Server: maintainer scripts and unit.
    postinst, mode = deb_control_text(server, "postinst")
    check(postinst is not None and mode == 0o755, "leaguedesk-server has an executable postinst")
    check(postinst is not None and "adduser --system" in postinst and "/var/lib/leaguedesk" in postinst,
          "postinst creates the leaguedesk system user and /var/lib/leaguedesk")
    for script in ("prerm", "postrm"):
        text, mode = deb_control_text(server, script)
        check(text is not None and mode == 0o755, f"leaguedesk-server has an executable {script}")
    unit = deb_file_text(server, "/usr/lib/systemd/system/leaguedesk-server.service")
    for line in ("User=leaguedesk", "StateDirectory=leaguedesk", "ExecStart=/usr/bin/leaguedesk-server ",
                 "--database sqlite:/var/lib/leaguedesk/", "WantedBy=multi-user.target"):
        check(line in unit, f"unit has '{line}'")
    if shutil.which("systemd-analyze"):
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "leaguedesk-server.service")
            open(p, "w").write(unit.replace("/usr/bin/leaguedesk-server", os.path.join(a.build, "server", "leaguedesk-server")))
            r = run(["systemd-analyze", "verify", "--man=no", p])
            out = "\n".join(l for l in r.stdout.splitlines() if "leaguedesk-server.service" in l)
            check(not out, "systemd-analyze verify leaguedesk-server.service", out)

    # The tarball: everything under one prefix.
    tgz = os.path.join(a.scratch, f"leaguedesk-{a.version}-linux-{os.uname().machine}.tar.gz")
    if check(os.path.exists(tgz), "tarball " + os.path.basename(tgz)):
        names = run(["tar", "tzf", tgz]).stdout.split()
        for f in ("bin/leaguedesk", "bin/leaguedesk-watch", "bin/leaguedesk-server", f"share/applications/{a.app_id}.desktop",
                  "lib/systemd/system/leaguedesk-server.service"):
            check(any(n.endswith("/" + f) for n in names), f"tarball has {f}")

    # lintian: no error or warning (infos are listed in packaging/README.md).
    r = run(["lintian", "--fail-on", "error,warning", client, server])
    check(r.returncode == 0, "lintian: no errors or warnings", r.stdout)
    finish()


# --------------------------------------------------------------------------------------------
# packaging_nsis

NSIS_PROJECT = """cmake_minimum_required(VERSION 3.21)
project(LeagueDesk VERSION {version} DESCRIPTION "Live team dashboard for auction football leagues" LANGUAGES NONE)
# Dummy files in the layout the Windows build installs (bin/ with the exe, Qt DLLs and QML).
install(FILES dummy/leaguedesk.exe dummy/leaguedesk-watch.exe dummy/leaguedesk-server.exe dummy/Qt6Core.dll DESTINATION bin)
install(DIRECTORY dummy/qml DESTINATION bin)
include("{source}/packaging/cpack-common.cmake")
set(CPACK_GENERATOR NSIS)
set(CPACK_PACKAGE_DIRECTORY "${{CMAKE_BINARY_DIR}}/out")
include("{source}/packaging/windows/nsis.cmake")
include(CPack)
"""


def cmd_nsis(a):
    if not need_tool("makensis", "nsis"):
        finish()
    shutil.rmtree(a.scratch, ignore_errors=True)
    dummy = os.path.join(a.scratch, "src", "dummy")
    os.makedirs(os.path.join(dummy, "qml", "QtQuick"))
    for name in ("leaguedesk.exe", "leaguedesk-watch.exe", "leaguedesk-server.exe", "Qt6Core.dll"):
        open(os.path.join(dummy, name), "w").write("dummy\n")
    open(os.path.join(dummy, "qml", "QtQuick", "qmldir"), "w").write("module QtQuick\n")
    src = os.path.join(a.scratch, "src")
    open(os.path.join(src, "CMakeLists.txt"), "w").write(NSIS_PROJECT.format(version=a.version, source=a.source))
    bld = os.path.join(a.scratch, "build")
    r = run([a.cmake, "-S", src, "-B", bld])
    if not check(r.returncode == 0, "dummy project configures with packaging/windows/nsis.cmake", r.stdout[-3000:]):
        finish()
    r = run([a.cpack, "-G", "NSIS"], cwd=bld)
    log = ""
    for root, _, names in os.walk(bld):
        if "NSISOutput.log" in names:
            log = open(os.path.join(root, "NSISOutput.log"), errors="replace").read()
    if not check(r.returncode == 0, "makensis compiles the generated installer script", r.stdout[-3000:] + log[-3000:]):
        finish()
    exe = [n for n in os.listdir(os.path.join(bld, "out")) if n.endswith(".exe")]
    check(len(exe) == 1, "an installer .exe was written", str(exe))
    nsi = ""
    for root, _, names in os.walk(bld):
        if "project.nsi" in names:
            nsi = open(os.path.join(root, "project.nsi"), errors="replace").read()
    for want, what in (("RequestExecutionLevel user", "asks for no admin rights"),
                       ('InstallDir "$LOCALAPPDATA\\Programs\\LeagueDesk"', "installs per user under %LOCALAPPDATA%\\Programs"),
                       ('WriteRegStr SHCTX "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\LeagueDesk"', "registers its uninstaller"),
                       ("SetShellVarContext current", "uses the current user's Start menu"),
                       ('CreateShortCut "$SMPROGRAMS\\$STARTMENU_FOLDER\\LeagueDesk.lnk" "$INSTDIR\\bin\\leaguedesk.exe"', "Start-menu shortcut to leaguedesk.exe"),
                       ('WriteUninstaller "$INSTDIR\\Uninstall.exe"', "writes an uninstaller"),
                       ):
        check(want in nsi, "installer " + what, f"'{want}' is not in project.nsi")
    check(re.search(r'Push "DisplayVersion"\s+Push "' + re.escape(a.version) + '"', nsi) is not None,
          f"installer shows version {a.version} in Apps & features")
    check("SetShellVarContext all" not in nsi and "RequestExecutionLevel admin" not in nsi, "installer never switches to all users")
    finish()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("command", choices=["files", "deb", "nsis"])
    p.add_argument("--source", required=True)
    p.add_argument("--build", required=True)
    p.add_argument("--version", required=True)
    p.add_argument("--app-id", required=True)
    p.add_argument("--cpack")
    p.add_argument("--cmake")
    p.add_argument("--qmlimportscanner")
    p.add_argument("--qt-qml-dir")
    p.add_argument("--qt-version", default="")
    p.add_argument("--scratch")
    a = p.parse_args()
    {"files": cmd_files, "deb": cmd_deb, "nsis": cmd_nsis}[a.command](a)


if __name__ == "__main__":
    main()
