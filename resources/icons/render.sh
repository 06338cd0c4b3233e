#!/usr/bin/env bash
# Renders leaguedesk.svg into every icon file the app and its packages ship. The outputs are committed, so
# this runs only when the SVG changes. Needs Debian's librsvg2-bin, icoutils and icnsutils.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
svg="$here/leaguedesk.svg"
for size in 16 22 24 32 48 64 128 256 512; do
  mkdir -p "$here/hicolor/${size}x${size}/apps"
  rsvg-convert -w "$size" -h "$size" "$svg" -o "$here/hicolor/${size}x${size}/apps/io.github.leaguedesk.LeagueDesk.png"
done
mkdir -p "$here/hicolor/scalable/apps"
cp "$svg" "$here/hicolor/scalable/apps/io.github.leaguedesk.LeagueDesk.svg"
png() { echo "$here/hicolor/$1x$1/apps/io.github.leaguedesk.LeagueDesk.png"; }
# Windows: one .ico with the sizes Explorer and the taskbar ask for (256 stored as PNG).
icotool -c -o "$here/leaguedesk.ico" "$(png 16)" "$(png 24)" "$(png 32)" "$(png 48)" "$(png 64)" -r "$(png 256)"
# macOS: .icns with the 16-512 representations.
png2icns "$here/leaguedesk.icns" "$(png 16)" "$(png 32)" "$(png 48)" "$(png 128)" "$(png 256)" "$(png 512)" >/dev/null
echo "rendered icons from $svg"
