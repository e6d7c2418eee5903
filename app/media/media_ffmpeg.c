/* Probing recordings with libavformat and libavcodec: see media_ffmpeg.h. Only
 * local files of the containers we accept are opened (FFmpeg's format and
 * protocol whitelists), so that a hostile file cannot make FFmpeg read
 * another (a playlist, a concat list) or a network address. */
#include "media/media_ffmpeg.h"

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/opt.h>
#include <libavutil/time.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define FORMATS "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,mp3,ogg,flac,wav"

/* --- PNG, made here: zlib is at hand, and the worker writes no files --- */

static void put32(unsigned char *p, unsigned long v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* A chunk at out: length, type, data, CRC; returns its size. */
static size_t chunk(unsigned char *out, const char *type, const unsigned char *data, size_t len)
{
	put32(out, (unsigned long)len);
	memcpy(out + 4, type, 4);
	if (len)
		memcpy(out + 8, data, len);
	uLong crc = crc32(0, out + 4, (uInt)(len + 4));
	put32(out + 8 + len, crc);
	return len + 12;
}

unsigned char *media_png_encode(const unsigned char *rgb, int w, int h, int stride, size_t *len)
{
	size_t row = (size_t)w * 3 + 1, raw_len = row * (size_t)h;
	unsigned char *raw = malloc(raw_len);
	uLongf packed_len = compressBound((uLong)raw_len);
	unsigned char *packed = malloc(packed_len);
	unsigned char *png = malloc(packed_len + 64);
	if (!raw || !packed || !png)
		goto fail;
	for (int y = 0; y < h; y++) {
		raw[row * (size_t)y] = 0; /* no filter */
		memcpy(raw + row * (size_t)y + 1, rgb + (size_t)stride * (size_t)y, row - 1);
	}
	if (compress2(packed, &packed_len, raw, (uLong)raw_len, 6) != Z_OK)
		goto fail;
	unsigned char ihdr[13];
	put32(ihdr, (unsigned long)w);
	put32(ihdr + 4, (unsigned long)h);
	memcpy(ihdr + 8, "\x08\x02\x00\x00\x00", 5); /* 8 bits, RGB */
	size_t n = 8;
	memcpy(png, "\x89PNG\r\n\x1a\n", 8);
	n += chunk(png + n, "IHDR", ihdr, sizeof ihdr);
	n += chunk(png + n, "IDAT", packed, packed_len);
	n += chunk(png + n, "IEND", NULL, 0);
	free(raw);
	free(packed);
	*len = n;
	return png;
fail:
	free(raw);
	free(packed);
	free(png);
	return NULL;
}

/* --- probing --- */

/* What the reason says to do: the command that makes a file the kiosk plays. */
static void refuse(char err[256], const char *name, int video, const char *why)
{
	char out[128], ext[16];
	const char *slash = strrchr(name, '/');
	name = slash ? slash + 1 : name; /* the command runs where the file is */
	const char *dot_ext = strrchr(name, '.');
	snprintf(ext, sizeof ext, "%s", dot_ext ? dot_ext + 1 : "");
	/* Before its streams are known, the name says whether it has a picture. */
	video |= !strcmp(ext, "mp4") || !strcmp(ext, "m4v") || !strcmp(ext, "webm") || !strcmp(ext, "mkv");
	snprintf(out, sizeof out, "%s", name);
	char *dot = strrchr(out, '.');
	if (dot)
		*dot = 0;
	if (video)
		snprintf(err, 256, "cannot be played on the kiosk: %s; convert it to H.264 and AAC: "
			 "ffmpeg -i %s -c:v libx264 -vf scale=-2:'min(1080,ih)' -c:a aac %s-h264.mp4", why, name, out);
	else
		snprintf(err, 256, "cannot be played on the kiosk: %s; convert it to AAC: ffmpeg -i %s -vn -c:a aac %s.m4a",
			 why, name, out);
}

static int codec_allowed(const char *const *list, const char *codec)
{
	for (; *list; list++)
		if (strcmp(*list, codec) == 0 || (strcmp(*list, "pcm") == 0 && strncmp(codec, "pcm_", 4) == 0))
			return 1;
	return 0;
}

/* The stream's decoder: FFmpeg's own, or with hardware, for H.264, the
 * kernel's V4L2 M2M one first (a Pi 4's; it fails to open where the
 * kernel has none, and FFmpeg's own is used). */
static AVCodecContext *open_decoder(AVStream *st, int hardware)
{
	if (hardware && st->codecpar->codec_id == AV_CODEC_ID_H264) {
		const AVCodec *hw = avcodec_find_decoder_by_name("h264_v4l2m2m");
		AVCodecContext *cc = hw ? avcodec_alloc_context3(hw) : NULL;
		if (cc && avcodec_parameters_to_context(cc, st->codecpar) >= 0 && avcodec_open2(cc, hw, NULL) >= 0)
			return cc;
		avcodec_free_context(&cc);
	}
	const AVCodec *dec = avcodec_find_decoder(st->codecpar->codec_id);
	AVCodecContext *cc = dec ? avcodec_alloc_context3(dec) : NULL;
	if (!cc)
		return NULL;
	cc->thread_count = 1; /* a worker's memory and the other core are the kiosk's */
	if (avcodec_parameters_to_context(cc, st->codecpar) < 0 || avcodec_open2(cc, dec, NULL) < 0)
		avcodec_free_context(&cc);
	return cc;
}

/* Decodes packets of stream index from where the file stands until fn
 * takes a frame and returns 1 (done), or limit packets have been read.
 * Returns frames decoded, or -1 on a decoding error before any frame. */
typedef int (*frame_fn)(AVFrame *fr, void *ctx);
static int decode_until(AVFormatContext *fc, AVCodecContext *cc, int index, int limit, frame_fn fn, void *ctx)
{
	AVPacket *pkt = av_packet_alloc();
	AVFrame *fr = av_frame_alloc();
	int frames = 0, done = 0, errors = 0;
	if (!pkt || !fr)
		goto out;
	for (int n = 0; !done && n < limit;) {
		int rc = av_read_frame(fc, pkt);
		if (rc < 0) {
			avcodec_send_packet(cc, NULL); /* the end: what the decoder holds */
		} else if (pkt->stream_index != index) {
			av_packet_unref(pkt);
			continue;
		} else {
			n++;
			if (avcodec_send_packet(cc, pkt) < 0)
				errors++;
			av_packet_unref(pkt);
		}
		while (!done && avcodec_receive_frame(cc, fr) == 0) {
			frames++;
			done = fn(fr, ctx);
			av_frame_unref(fr);
		}
		if (rc < 0)
			break;
	}
out:
	av_packet_free(&pkt);
	av_frame_free(&fr);
	return frames == 0 && errors ? -1 : frames;
}

typedef struct {
	int w, h;
	unsigned char *rgb;
} poster;

static int take_picture(AVFrame *fr, void *ctx)
{
	poster *p = ctx;
	if (fr->width < 1 || fr->height < 1)
		return 0;
	double scale = fmin(1.0, fmin((double)MEDIA_POSTER_W / fr->width, (double)MEDIA_POSTER_H / fr->height));
	p->w = (int)(fr->width * scale) & ~1;
	p->h = (int)(fr->height * scale) & ~1;
	if (p->w < 2 || p->h < 2)
		return 0;
	struct SwsContext *sws = sws_getContext(fr->width, fr->height, (enum AVPixelFormat)fr->format, p->w, p->h,
						AV_PIX_FMT_RGB24, SWS_BILINEAR, NULL, NULL, NULL);
	if (!sws || !(p->rgb = malloc((size_t)p->w * (size_t)p->h * 3))) {
		sws_freeContext(sws);
		return 0;
	}
	uint8_t *dst[1] = {p->rgb};
	int stride[1] = {p->w * 3};
	sws_scale(sws, (const uint8_t *const *)fr->data, fr->linesize, 0, fr->height, dst, stride);
	sws_freeContext(sws);
	return 1;
}

/* The loudness of the first two minutes of sound, as bars. */
#define BARS 48
typedef struct {
	SwrContext *swr;
	double sum[BARS];
	long long samples, per_bar;
} envelope;

static int take_sound(AVFrame *fr, void *ctx)
{
	envelope *e = ctx;
	float buf[8192];
	uint8_t *out[1] = {(uint8_t *)buf};
	int n = swr_convert(e->swr, out, 8192, (const uint8_t **)fr->extended_data, fr->nb_samples);
	for (int i = 0; i < n; i++, e->samples++) {
		long long bar = e->samples / e->per_bar;
		if (bar >= BARS)
			return 1;
		e->sum[bar] += (double)buf[i] * buf[i];
	}
	return 0;
}

static int draw_envelope(AVFormatContext *fc, AVStream *st, AVCodecContext *cc, long long duration_ms, poster *p)
{
	envelope e = {0};
	AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
	if (swr_alloc_set_opts2(&e.swr, &mono, AV_SAMPLE_FMT_FLT, 8000, &cc->ch_layout, cc->sample_fmt, cc->sample_rate, 0,
				NULL) < 0 || swr_init(e.swr) < 0) {
		swr_free(&e.swr);
		return -1;
	}
	long long seconds = duration_ms / 1000 < 120 ? duration_ms / 1000 : 120;
	e.per_bar = (seconds < 1 ? 1 : seconds) * 8000 / BARS + 1;
	int frames = decode_until(fc, cc, st->index, 1 << 20, take_sound, &e);
	swr_free(&e.swr);
	if (frames < 0)
		return -1;
	p->w = MEDIA_POSTER_W;
	p->h = MEDIA_POSTER_H;
	if (!(p->rgb = malloc((size_t)p->w * (size_t)p->h * 3)))
		return -1;
	double peak = 1e-9;
	for (int b = 0; b < BARS; b++)
		peak = fmax(peak, sqrt(e.sum[b] / (double)e.per_bar));
	int bar_w = (p->w - 64) / BARS, left = (p->w - bar_w * BARS) / 2;
	for (int y = 0; y < p->h; y++)
		for (int x = 0; x < p->w; x++) {
			int b = x < left ? BARS : (x - left) / bar_w;
			double level = b < BARS ? sqrt(e.sum[b] / (double)e.per_bar) / peak : 0;
			int half = (int)(level * p->h * 0.38) + 2, mid = p->h / 2;
			int on = b < BARS && (x - left) % bar_w < bar_w - 4 && y > mid - half && y < mid + half;
			unsigned char *px = p->rgb + ((size_t)y * (size_t)p->w + (size_t)x) * 3;
			px[0] = on ? 0xe8 : 0x13; /* light bars on the kiosk's dark blue */
			px[1] = on ? 0xc5 : 0x29;
			px[2] = on ? 0x7a : 0x4b;
		}
	return 0;
}

int media_probe_here(const char *path, const char *name, media_facts *f, unsigned char **png, size_t *png_len,
		     char err[256])
{
	static const char *const video_codecs[] = {"h264", "vp8", "vp9", NULL};
	static const char *const audio_codecs[] = {"aac", "mp3", "opus", "vorbis", "flac", "pcm", NULL};
	AVFormatContext *fc = NULL;
	AVDictionary *opts = NULL;
	AVCodecContext *vc = NULL, *ac = NULL;
	poster p = {0};
	int rc = -1;
	memset(f, 0, sizeof *f);
	*png = NULL;
	av_log_set_level(AV_LOG_QUIET);
	av_dict_set(&opts, "format_whitelist", FORMATS, 0);
	av_dict_set(&opts, "protocol_whitelist", "file", 0);
	if (avformat_open_input(&fc, path, NULL, &opts) < 0) {
		refuse(err, name, 0, "damaged, or not a recording");
		goto out;
	}
	if (avformat_find_stream_info(fc, NULL) < 0) {
		refuse(err, name, 0, "its streams cannot be read");
		goto out;
	}
	const char *container = fc->iformat->name;
	snprintf(f->container, sizeof f->container, "%s",
		 strncmp(container, "mov", 3) == 0 ? "mp4" : strncmp(container, "matroska", 8) == 0 ? "matroska" : container);
	int vi = av_find_best_stream(fc, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0);
	int ai = av_find_best_stream(fc, AVMEDIA_TYPE_AUDIO, -1, -1, NULL, 0);
	if (vi >= 0 && (fc->streams[vi]->disposition & AV_DISPOSITION_ATTACHED_PIC))
		vi = -1; /* an album's cover picture: a recording of sound */
	if (ai < 0) {
		refuse(err, name, vi >= 0, "it has no sound");
		goto out;
	}
	AVStream *as = fc->streams[ai], *vs = vi >= 0 ? fc->streams[vi] : NULL;
	snprintf(f->audio_codec, sizeof f->audio_codec, "%s", avcodec_get_name(as->codecpar->codec_id));
	if (!codec_allowed(audio_codecs, f->audio_codec)) {
		char why[64];
		snprintf(why, sizeof why, "its sound is %s", f->audio_codec);
		refuse(err, name, vs != NULL, why);
		goto out;
	}
	if (vs) {
		f->video = 1;
		f->width = vs->codecpar->width;
		f->height = vs->codecpar->height;
		snprintf(f->video_codec, sizeof f->video_codec, "%s", avcodec_get_name(vs->codecpar->codec_id));
		char why[64];
		if (!codec_allowed(video_codecs, f->video_codec)) {
			snprintf(why, sizeof why, "its picture is %s", f->video_codec);
			refuse(err, name, 1, why);
			goto out;
		}
		if (f->width < 16 || f->height < 16 || f->width > MEDIA_MAX_W || f->height > MEDIA_MAX_H) {
			snprintf(why, sizeof why, "its picture is %dx%d (at most 1920x1080)", f->width, f->height);
			refuse(err, name, 1, why);
			goto out;
		}
	}
	/* The container's length, else the sound stream's. */
	long long ms = fc->duration > 0 ? fc->duration / 1000 : -1;
	if (ms <= 0 && as->duration > 0)
		ms = (long long)((double)as->duration * av_q2d(as->time_base) * 1000);
	if (ms <= 0 || ms > 24LL * 3600 * 1000) {
		refuse(err, name, vs != NULL, "its length cannot be read, or is not believable");
		goto out;
	}
	f->duration_ms = ms;
	if (!(ac = open_decoder(as, 0)) || (vs && !(vc = open_decoder(vs, 0)))) {
		refuse(err, name, vs != NULL, "no decoder opens it");
		goto out;
	}
	if (vs) {
		/* A tenth of the way in, for a face rather than a title card. */
		long long at = f->duration_ms / 10;
		av_seek_frame(fc, -1, at * (AV_TIME_BASE / 1000), AVSEEK_FLAG_BACKWARD);
		avcodec_flush_buffers(vc);
		if (decode_until(fc, vc, vs->index, 600, take_picture, &p) <= 0 || !p.rgb) {
			av_seek_frame(fc, -1, 0, AVSEEK_FLAG_BACKWARD);
			avcodec_flush_buffers(vc);
			if (decode_until(fc, vc, vs->index, 600, take_picture, &p) <= 0 || !p.rgb) {
				refuse(err, name, 1, "its picture cannot be decoded");
				goto out;
			}
		}
		av_seek_frame(fc, -1, 0, AVSEEK_FLAG_BACKWARD);
	}
	if (!vs && draw_envelope(fc, as, ac, f->duration_ms, &p) != 0) {
		refuse(err, name, 0, "its sound cannot be decoded");
		goto out;
	}
	if (!(*png = media_png_encode(p.rgb, p.w, p.h, p.w * 3, png_len))) {
		snprintf(err, 256, "out of memory");
		goto out;
	}
	rc = 0;
out:
	free(p.rgb);
	avcodec_free_context(&vc);
	avcodec_free_context(&ac);
	avformat_close_input(&fc);
	av_dict_free(&opts);
	return rc;
}

/* --- decoding, for the player's worker --- */

/* After a seek the pictures must be decoded from the key frame before the
 * place, which takes a 1080p film a good part of a second; the sound of
 * the place needs none of that. So the video's packets wait (in order)
 * until the sound is this far ahead of the clock, and then only while it
 * stays so: a tap on a line is heard at once. */
#define SOUND_LEAD_MS 400
#define HELD_MAX 256

struct media_player {
	AVFormatContext *fc;
	AVDictionary *opts;
	AVCodecContext *ac, *vc;
	AVPacket *pkt;
	AVFrame *fr;
	int ai, vi;
	SwrContext *swr;
	struct SwsContext *sws;
	AVRational audio_base, video_base;
	int rate, picture_w, w, h;
	/* This run's. */
	const media_sink *sink;
	long long start_ms;
	int stop;
	int first_shown;           /* the first picture since the seek was sent */
	int caught_up;             /* a picture of the place itself decoded */
	long long sent_samples;    /* sound sent since the start of the run */
	int64_t run_us;            /* when it began (av_gettime_relative) */
	AVPacket *held[HELD_MAX];  /* video packets waiting for the sound, a ring */
	int held_first, held_count;
};

static long long frame_ms(const AVFrame *fr, AVRational base)
{
	int64_t t = fr->best_effort_timestamp;
	return t == AV_NOPTS_VALUE ? -1 : av_rescale_q(t, base, (AVRational){1, 1000});
}

static void put_sound(media_player *d, AVFrame *fr)
{
	short buf[16384];
	uint8_t *out[1] = {(uint8_t *)buf};
	int n = swr_convert(d->swr, out, 16384, (const uint8_t **)fr->extended_data, fr->nb_samples);
	long long at = frame_ms(fr, d->audio_base);
	int from = 0;
	if (at >= 0 && at < d->start_ms) /* the seek lands before the place asked: leave out what comes before it */
		from = (int)((d->start_ms - at) * d->rate / 1000 < n ? (d->start_ms - at) * d->rate / 1000 : n);
	if (n - from > 0 && d->sink->sound(buf + from, n - from, d->sink->ctx) != 0)
		d->stop = 1;
	if (n - from > 0)
		d->sent_samples += n - from;
}

static void put_picture(media_player *d, AVFrame *fr)
{
	long long at = frame_ms(fr, d->video_base);
	if (fr->width < 2 || fr->height < 2)
		return;
	if (at >= d->start_ms - 40 && !d->caught_up) {
		d->vc->skip_frame = AVDISCARD_DEFAULT; /* caught up: every picture again */
		d->caught_up = 1;
	}
	/* The seek lands on the key frame before the place: it is shown at
	 * once, as the place's picture, while the decoder catches up (the
	 * pictures in between are left out). */
	if (at < d->start_ms - 40 && d->first_shown)
		return;
	if (at < d->start_ms - 40)
		at = d->start_ms;
	d->first_shown = 1;
	if (!d->sws) { /* within picture_w square, even sizes for YUV 4:2:0 */
		double scale = fmin(1.0, (double)d->picture_w / fmax(fr->width, fr->height));
		d->w = (int)(fr->width * scale) & ~1;
		d->h = (int)(fr->height * scale) & ~1;
		/* Fast bilinear, as SDL's texture scaling is: the filter of
		 * SWS_BILINEAR made a fifth of a 1080p film's decoding time. */
		d->sws = sws_getContext(fr->width, fr->height, (enum AVPixelFormat)fr->format, d->w, d->h, AV_PIX_FMT_YUV420P,
					SWS_FAST_BILINEAR, NULL, NULL, NULL);
	}
	if (!d->sws)
		return;
	/* Scaled straight into where the sink sends it from. */
	size_t len = (size_t)d->w * (size_t)d->h * 3 / 2;
	unsigned char *yuv = d->sink->picture_room(len, d->sink->ctx);
	if (!yuv) {
		d->stop = 1;
		return;
	}
	uint8_t *planes[3] = {yuv, yuv + d->w * d->h, yuv + d->w * d->h * 5 / 4};
	int strides[3] = {d->w, d->w / 2, d->w / 2};
	sws_scale(d->sws, (const uint8_t *const *)fr->data, fr->linesize, 0, fr->height, planes, strides);
	if (d->sink->picture(at, d->w, d->h, d->sink->ctx) != 0)
		d->stop = 1;
}

/* Sends a packet (NULL: the end) to its decoder and passes on what comes out. */
static void decode_packet(media_player *d, AVCodecContext *cc, const AVPacket *pkt, int sound)
{
	if (avcodec_send_packet(cc, pkt) < 0 && pkt)
		return; /* a damaged packet: the next ones may decode */
	while (!d->stop && avcodec_receive_frame(cc, d->fr) == 0) {
		if (sound)
			put_sound(d, d->fr);
		else
			put_picture(d, d->fr);
		av_frame_unref(d->fr);
	}
}

media_player *media_player_open(const char *path, int rate, int picture_w, int want_picture, char err[256])
{
	media_player *d = calloc(1, sizeof *d);
	if (!d) {
		snprintf(err, 256, "out of memory");
		return NULL;
	}
	d->rate = rate;
	d->picture_w = picture_w;
	d->vi = -1;
	av_log_set_level(AV_LOG_QUIET);
	av_dict_set(&d->opts, "format_whitelist", FORMATS, 0);
	av_dict_set(&d->opts, "protocol_whitelist", "file", 0);
	if (!(d->pkt = av_packet_alloc()) || !(d->fr = av_frame_alloc()) ||
	    avformat_open_input(&d->fc, path, NULL, &d->opts) < 0 || avformat_find_stream_info(d->fc, NULL) < 0) {
		snprintf(err, 256, "cannot be read");
		goto fail;
	}
	d->ai = av_find_best_stream(d->fc, AVMEDIA_TYPE_AUDIO, -1, -1, NULL, 0);
	int vi = want_picture ? av_find_best_stream(d->fc, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0) : -1;
	if (vi >= 0 && (d->fc->streams[vi]->disposition & AV_DISPOSITION_ATTACHED_PIC))
		vi = -1;
	if (d->ai < 0 || !(d->ac = open_decoder(d->fc->streams[d->ai], 0))) {
		snprintf(err, 256, "has no sound that can be decoded");
		goto fail;
	}
	if (vi >= 0 && (d->vc = open_decoder(d->fc->streams[vi], 1))) /* else the sound alone */
		d->vi = vi;
	d->audio_base = d->fc->streams[d->ai]->time_base;
	if (d->vi >= 0)
		d->video_base = d->fc->streams[d->vi]->time_base;
	AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
	if (swr_alloc_set_opts2(&d->swr, &mono, AV_SAMPLE_FMT_S16, rate, &d->ac->ch_layout, d->ac->sample_fmt,
				d->ac->sample_rate, 0, NULL) < 0 || swr_init(d->swr) < 0) {
		snprintf(err, 256, "its sound cannot be converted");
		goto fail;
	}
	return d;
fail:
	media_player_close(d);
	return NULL;
}

const char *media_player_decoder(const media_player *m)
{
	return m->vc ? m->vc->codec->name : "";
}

/* How far the sound sent is ahead of the clock since the run began. */
static long long sound_ahead_ms(const media_player *d)
{
	return d->sent_samples * 1000 / d->rate - (av_gettime_relative() - d->run_us) / 1000;
}

static void drop_held(media_player *d)
{
	while (d->held_count) {
		av_packet_free(&d->held[d->held_first]);
		d->held_first = (d->held_first + 1) % HELD_MAX;
		d->held_count--;
	}
}

/* The video packet read: decoded now, or held behind those waiting while
 * the pictures catch up on the place. */
static void take_video(media_player *d)
{
	int hold = d->held_count || (d->first_shown && !d->caught_up);
	AVPacket *copy = hold && d->held_count < HELD_MAX ? av_packet_alloc() : NULL;
	if (copy) {
		av_packet_move_ref(copy, d->pkt);
		d->held[(d->held_first + d->held_count++) % HELD_MAX] = copy;
	} else {
		decode_packet(d, d->vc, d->pkt, 0);
	}
}

/* A waiting video packet decoded, when the sound is far enough ahead (or
 * the pictures have caught up, or the file is read to its end). */
static int decode_held(media_player *d, int at_end)
{
	if (!d->held_count || (!d->caught_up && !at_end && d->held_count < HELD_MAX && sound_ahead_ms(d) < SOUND_LEAD_MS))
		return 0;
	AVPacket *pkt = d->held[d->held_first];
	d->held_first = (d->held_first + 1) % HELD_MAX;
	d->held_count--;
	decode_packet(d, d->vc, pkt, 0);
	av_packet_free(&pkt);
	return 1;
}

int media_player_run(media_player *d, long long start_ms, const media_sink *sink)
{
	d->sink = sink;
	d->start_ms = start_ms;
	d->stop = 0;
	/* To the key frame before it (put_ leave out the rest), with nothing
	 * left over in the decoders from the last place. */
	av_seek_frame(d->fc, -1, start_ms * (AV_TIME_BASE / 1000), AVSEEK_FLAG_BACKWARD);
	avcodec_flush_buffers(d->ac);
	d->first_shown = 0;
	d->caught_up = !d->vc || start_ms <= 0;
	d->sent_samples = 0;
	d->run_us = av_gettime_relative();
	drop_held(d);
	if (d->vc) {
		avcodec_flush_buffers(d->vc);
		/* Until the place: no time on pictures that no other needs. */
		d->vc->skip_frame = start_ms > 0 ? AVDISCARD_NONREF : AVDISCARD_DEFAULT;
	}
	swr_init(d->swr); /* drops the samples it held back */
	/* A damaged stretch in the middle is skipped: what can be played is. */
	int at_end = 0;
	while (!d->stop) {
		if (sink->interrupted && sink->interrupted(sink->ctx)) {
			drop_held(d);
			return 1;
		}
		if (decode_held(d, at_end))
			continue;
		if (at_end) {
			decode_packet(d, d->ac, NULL, 1);
			if (d->vc)
				decode_packet(d, d->vc, NULL, 0);
			break;
		}
		if (av_read_frame(d->fc, d->pkt) < 0) {
			at_end = 1;
			continue;
		}
		if (d->pkt->stream_index == d->ai)
			decode_packet(d, d->ac, d->pkt, 1);
		else if (d->vc && d->pkt->stream_index == d->vi)
			take_video(d);
		av_packet_unref(d->pkt);
	}
	drop_held(d);
	return d->stop;
}

void media_player_close(media_player *d)
{
	if (!d)
		return;
	sws_freeContext(d->sws);
	swr_free(&d->swr);
	avcodec_free_context(&d->ac);
	avcodec_free_context(&d->vc);
	avformat_close_input(&d->fc);
	av_dict_free(&d->opts);
	av_packet_free(&d->pkt);
	av_frame_free(&d->fr);
	free(d);
}
