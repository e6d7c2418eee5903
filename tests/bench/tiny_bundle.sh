#!/bin/sh
# make bench, figure 9: a signed bundle of N tiny text items, written as
# ../shared/spec/bundle.md says (bundle.json by hand, sizes and hashes by
# coreutils) and signed with the real minisign tool, as a centre's own
# scripts would make it.
# usage: tests/bench/tiny_bundle.sh N STICK KEY
set -e
n=$1 stick=$2 key=$3
b="$stick/artsakh-archive-2"
rm -rf "$stick"
mkdir -p "$b/files"
i=1
while [ "$i" -le "$n" ]; do
	printf 'Testimony %d.\n\nWe left Stepanakert by the Lachin road in September; the column moved a few metres an hour.\n' "$i" >"$b/files/t$i.txt"
	i=$((i + 1))
done
cd "$b"
find files -name '*.txt' -printf '%p %s\n' | sort >../sizes
find files -name '*.txt' -print0 | xargs -0 sha256sum | awk '{ print $2, $1 }' | sort >../hashes
join ../sizes ../hashes | awk '
BEGIN { printf "{\"format\": \"hishatak-bundle/1\", \"archive\": \"artsakh-archive\", \"sequence\": 2,\n"
	printf " \"created\": \"2026-12-01T09:00:00Z\", \"items\": [" }
{ id = $1; sub(/^files\/t/, "", id); sub(/\.txt$/, "", id)
  printf "%s\n  {\"id\": \"tiny-%s\", \"kind\": \"testimony\", \"title\": \"Testimony %s\", \"date\": \"2024\", \"language\": \"en\", \"file\": \"%s\", \"size\": %s, \"sha256\": \"%s\"}", (NR > 1 ? "," : ""), id, id, $1, $2, $3 }
END { print "\n]}" }' >bundle.json
rm -f ../sizes ../hashes
cd - >/dev/null
minisign -S -s "$key" -m "$b/bundle.json" -t "make bench: $n tiny items" </dev/null >/dev/null
