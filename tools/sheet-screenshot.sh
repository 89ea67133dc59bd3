#!/bin/sh
# The staff guide's picture of the exported ledger open in LibreOffice Calc (leaguekit/theme/assets/contribute/sheet.png):
# the sample's 太谷 venues exported with `export-sheet`, opened in a real Calc window (Chinese
# interface) on a virtual screen, the drop-down of a 阵地类型 cell open, the window captured.
# Needs: apt-get install xvfb xdotool imagemagick libreoffice-calc libreoffice-l10n-zh-cn fonts-noto-cjk
# Run from the repository root after `make .venv/.runtime`: sh tools/sheet-screenshot.sh
set -eu
out=leaguekit/theme/assets/contribute/sheet.png
work=$(mktemp -d)
display=:${SCREEN_NUMBER:-77}
mkdir -p "$(dirname "$out")"
.venv/bin/python -m leaguekit export-sheet "$work/台账.xlsx" --org taigu
# A fresh profile that skips the first-start tips, in Chinese.
mkdir -p "$work/profile/user"
cat > "$work/profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="ShowTipOfTheDay" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" oor:op="fuse"><value>99.9</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>zh-CN</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="DefaultLocale" oor:op="fuse"><value>zh-CN</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="UILocale" oor:op="fuse"><value>zh-CN</value></prop></item>
</oor:items>
XCU
Xvfb "$display" -screen 0 1280x720x24 >/dev/null 2>&1 &
xvfb=$!
LC_ALL=C.UTF-8 DISPLAY=$display soffice --calc --norestore "-env:UserInstallation=file://$work/profile" "$work/台账.xlsx" >/dev/null 2>&1 &
office=$!
trap 'kill $office $xvfb 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 60); do
  DISPLAY=$display xdotool search --onlyvisible --name "台账" >/dev/null 2>&1 && break
  sleep 1
done
sleep 5
window=$(DISPLAY=$display xdotool search --onlyvisible --name "台账" | head -1)
DISPLAY=$display xdotool windowsize "$window" 1280 720 windowmove "$window" 0 0 windowfocus "$window"
sleep 2
# From A1 to 阵地类型 of the third venue (B4), then open its drop-down list (Alt+Down).
DISPLAY=$display xdotool key --window "$window" --delay 300 Right Down Down Down
sleep 1
DISPLAY=$display xdotool key --window "$window" alt+Down
sleep 2
DISPLAY=$display import -window root -crop 1280x520+0+0 +repage -dither None -colors 48 "PNG8:$out"
echo "wrote $out ($(wc -c < "$out") bytes)"
