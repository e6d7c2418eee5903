#!/bin/sh
# Every screen at every size, in every language, with and without Larger
# text and with high contrast, as screenshots and one contact sheet per size,
# language and setting (issue 21: look at all of them). The kiosk runs with
# its strictest layout check on (2: any text drawn cut too); each "layout:" line it prints is kept in
# build/shots/layout.txt, and the run fails when there is one.
#   tests/ui/shots.sh                       everything (make shots)
#   SIZES=800x480 LANGS=ru MODES=large PARTS="home reader" tests/ui/shots.sh
set -u
BIN=${HISHATAK:-build/hishatak}
DATA=${DATA:-build/data}
OUT=${OUT:-build/shots}
BUNDLE=${BUNDLE:-build/bundles/artsakh-archive-1}
SIZES=${SIZES:-"800x480 1024x600 1280x800 1920x1080 1080x1920 720x1280"}
LANGS=${LANGS:-"en hy ru"}
MODES=${MODES:-"plain large contrast"}
PARTS=${PARTS:-"home search reader note player idle staff more"}
mkdir -p "$OUT"
: >"$OUT/layout.txt"
: >"$OUT/failed.txt"

# A label in the language, from its string table: the script taps by label.
L() { sed -n "s/^$1 = //p" "assets/strings/$lang.txt" | head -n 1; }

# A collection's title and a topic's label in the language, from the catalogue.
C() { q "SELECT coalesce((SELECT title FROM collection_texts t WHERE t.collection = c.collection_no AND lang = '$lang'), title) FROM collections c WHERE pos = $1 - 1"; }
T() { q "SELECT coalesce((SELECT label FROM topic_labels WHERE topic = '$1' AND lang = '$lang'), (SELECT label FROM topics WHERE topic = '$1'))"; }
q() { sqlite3 "$DATA/catalog.db" "$1"; }

# The access panel's switches, as a visitor turns them on.
access() {
	[ "$mode" = plain ] && return
	echo "tap \"$(L access_title)\""
	echo "tap \"$(L access_large)\""
	[ "$mode" = contrast ] && echo "tap \"$(L access_contrast)\""
	echo "tap \"$(L access_done)\""
}

# Each part is its own run: a failed `expect` loses only that part's shots.
part() {
	case $1 in
	home) cat <<S
expect home
$(access)
wait 500
shot home
tap "$(L go_browse)"
expect browse
wait 500
shot browse
tap "$(L view_grid)"
wait 500
shot browse-grid
back
tap "$(L go_timeline)"
expect timeline
wait 300
shot timeline
back
tap "$(L go_topics)"
expect topics
wait 300
shot topics
S
		;;
	search) cat <<S
$(access)
tap "$(L go_search)"
expect search
type karabakh
wait 800
shot search-keyboard
tap "$(L key_hide)"
wait 300
shot search-results
S
		;;
	reader) cat <<S
open ker-lindsay-nagorno-karabakh
expect cover
$(access)
wait 500
shot cover
key Right
wait 1500
shot reader
tap "$contents"
wait 500
shot contents
key Escape
wait 300
tap "$(L details)"
wait 300
shot details
key Escape
wait 300
tap "$(L access_title)"
wait 300
shot access
tap "$(L access_done)"
tap "$(L find_in_doc)"
wait 300
type war
wait 800
shot search-within
S
		;;
	note) cat <<S
$(access)
open call-for-action-2022-11
expect note
shot note
S
		;;
	player) cat <<S
$(access)
open test-recording
expect player
wait 800
shot player
S
		;;
	idle) cat <<S
$(access)
tap "$(L go_browse)"
expect browse
idle 170
wait 300
shot still-there
idle 900
expect attract
wait 500
shot attract
S
		;;
	staff) cat <<S
$(access)
longpress 8 8 5200
expect pin
shot pin
tap "0"
tap "0"
tap "0"
tap "0"
tap "OK"
expect admin
wait 300
shot admin
S
		;;
	more) cat <<S
$(access)
tap "$(C 1)"
expect browse
wait 500
shot collection
tap "$(L home_button)"
expect home
tap "$(L go_topics)"
expect topics
tap "$(T 'Lachin corridor')"
expect browse
wait 500
shot topic
tap "$(L home_button)"
tap "$(L go_search)"
expect search
type zzqx
tap "$(L key_hide)"
wait 300
shot search-nothing
tap "$(L home_button)"
open call-for-action-2022-11
expect note
key Return
expect cover
key Right
expect reader
wait 500
pinch $((${size%x*} / 2)) $((${size#*x} / 2)) 2.2
wait 500
shot zoomed
tap "$(L home_button)"
expect home
usb $BUNDLE
wait 3000
expect import
shot import
S
		;;
	esac
}

status=0
for size in $SIZES; do
	for lang in $LANGS; do
		for mode in $MODES; do
			dir="$OUT/$size-$lang-$mode"
			mkdir -p "$dir"
			# The page counter opens the contents: its label ("1 / 26") is
			# found by asking for a target there is none of.
			{ access; printf 'open ker-lindsay-nagorno-karabakh\nkey Right\nwait 500\ntap "?"\n'; } >"$dir/probe.script"
			contents=$("$BIN" kiosk --data "$DATA" --size "$size" --lang "$lang" --script "$dir/probe.script" \
				--shots "$dir" 2>&1 | grep -o '"1 / [0-9]*"' | tr -d '"' | head -n 1)
			for p in $PARTS; do
				part $p >"$dir/$p.script"
				# Applying a stick writes to the archive's log: that part gets a copy.
				data=$DATA
				if [ $p = more ]; then
					data=$OUT/data
					rm -rf "$data" && cp -a "$DATA" "$data"
				fi
				HISHATAK_CHECK_LAYOUT=2 "$BIN" kiosk --data "$data" --size "$size" --lang "$lang" \
					--script "$dir/$p.script" --shots "$dir" >"$dir/$p.log" 2>&1 ||
					echo "$size $lang $mode $p: the script stopped: $(tail -n 1 "$dir/$p.log")" >>"$OUT/failed.txt"
				grep "^layout:" "$dir/$p.log" | sed "s|^|$size $lang $mode $p: |" >>"$OUT/layout.txt"
			done
			/usr/bin/python3 tests/ui/contact_sheet.py "$dir" "$OUT/sheet-$size-$lang-$mode.png"
		done
	done
done
if [ -s "$OUT/layout.txt" ]; then
	sort -u "$OUT/layout.txt" | head -n 40
	status=1
fi
exit $status
