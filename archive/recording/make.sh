#!/bin/sh
# Makes the default archive's test recording (archive/files/test-recording.mp4)
# and its WebVTT transcripts from the sentences here: en.txt spoken by
# espeak-ng, hy.txt and ru.txt its translations, line for line, timed the
# same. The picture is a still card in the kiosk's colours. Run from the
# project's root; needs espeak-ng and ffmpeg. The results are committed, so
# that the build does not depend on espeak-ng's exact voice.
set -eu
here=archive/recording
out=archive/files
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
start=0
: > "$work/list"
for lang in en hy ru; do printf 'WEBVTT\n' > "$work/$lang.vtt"; done
stamp() { awk -v s="$1" 'BEGIN { printf "%02d:%02d:%06.3f", s / 3600, (s % 3600) / 60, s - int(s / 60) * 60 }'; }
while IFS= read -r line; do
	n=$((n + 1))
	espeak-ng -v en -s 150 -w "$work/s$n.wav" "$line"
	# Half a second of silence after each sentence, at espeak-ng's 22050 Hz.
	ffmpeg -v error -y -i "$work/s$n.wav" -af apad=pad_dur=0.6 "$work/p$n.wav"
	length=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$work/p$n.wav")
	spoken=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$work/s$n.wav")
	end=$(awk -v a="$start" -v b="$spoken" 'BEGIN { print a + b }')
	for lang in en hy ru; do
		voice=Narrator; [ $lang = hy ] && voice=Պատմող; [ $lang = ru ] && voice=Рассказчик
		text=$(sed -n "${n}p" "$here/$lang.txt")
		printf '\n%s --> %s\n<v %s>%s\n' "$(stamp "$start")" "$(stamp "$end")" "$voice" "$text" >> "$work/$lang.vtt"
	done
	echo "file '$work/p$n.wav'" >> "$work/list"
	start=$(awk -v a="$start" -v b="$length" 'BEGIN { print a + b }')
done < "$here/en.txt"
ffmpeg -v error -y -f concat -safe 0 -i "$work/list" "$work/voice.wav"
ffmpeg -v error -y -f lavfi -i "color=c=0x13294b:s=640x360:r=5" -i "$work/voice.wav" \
	-vf "drawtext=fontfile=assets/fonts/NotoSans-Bold.ttf:text='Hishatak':fontcolor=0xe8c57a:fontsize=54:x=(w-text_w)/2:y=120,drawtext=fontfile=assets/fonts/NotoSans-Regular.ttf:text='a test recording':fontcolor=white:fontsize=30:x=(w-text_w)/2:y=200,drawbox=x=0:y=330:w=640:h=8:color=0xe8c57a:t=fill" \
	-t "$start" -c:v libx264 -preset veryslow -tune stillimage -pix_fmt yuv420p -c:a aac -b:a 48k -ac 1 \
	-movflags +faststart "$out/test-recording.mp4"
for lang in en hy ru; do cp "$work/$lang.vtt" "$out/test-recording.$lang.vtt"; done
