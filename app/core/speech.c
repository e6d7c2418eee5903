/* Speech through espeak-ng's synchronous API: see speech.h. */
#include "core/speech.h"

#include <espeak-ng/speak_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct speaker {
	int sample_rate;
	int rate;
	speech_sink sink;     /* during speech_say */
	void *ctx;
	int stopped;
};

/* espeak-ng has one synthesizer and one callback for the process. */
static speaker *the_speaker;

static int on_samples(short *samples, int count, espeak_EVENT *events)
{
	speaker *s = the_speaker;
	(void)events;
	if (!s || !s->sink || s->stopped)
		return 1;
	if (samples && count > 0 && s->sink(samples, count, s->ctx) != 0)
		s->stopped = 1;
	return s->stopped;
}

speaker *speech_open(char err[256])
{
	if (the_speaker) {
		snprintf(err, 256, "speech is in use already");
		return NULL;
	}
	speaker *s = calloc(1, sizeof *s);
	if (!s) {
		snprintf(err, 256, "out of memory");
		return NULL;
	}
	s->sample_rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, espeakINITIALIZE_DONT_EXIT);
	if (s->sample_rate <= 0) {
		snprintf(err, 256, "espeak-ng could not start (are its voices, espeak-ng-data, installed?)");
		free(s);
		return NULL;
	}
	espeak_SetSynthCallback(on_samples);
	the_speaker = s;
	speech_set_rate(s, SPEECH_RATE_NORMAL);
	/* espeak-ng's own 100 peaks at full scale: keep some headroom. */
	espeak_SetParameter(espeakVOLUME, 75, 0);
	return s;
}

void speech_close(speaker *s)
{
	if (!s)
		return;
	espeak_Terminate();
	the_speaker = NULL;
	free(s);
}

int speech_sample_rate(const speaker *s)
{
	return s->sample_rate;
}

int speech_voice(speaker *s, const char *lang, char used[16])
{
	(void)s;
	char want[16];
	snprintf(want, sizeof want, "%s", lang && lang[0] ? lang : "en");
	want[strcspn(want, "-_")] = 0; /* "ru-RU": the language is enough */
	for (char *c = want; *c; c++)
		*c = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
	snprintf(used, 16, "%s", want);
	if (espeak_SetVoiceByName(want) == EE_OK)
		return 0;
	/* The closest voice: Western Armenian reads as Armenian; else English. */
	const char *closest = strcmp(want, "hyw") == 0 ? "hy" : "en";
	snprintf(used, 16, "%s", closest);
	return espeak_SetVoiceByName(closest) == EE_OK ? 1 : -1;
}

void speech_set_rate(speaker *s, int words_a_minute)
{
	s->rate = words_a_minute < SPEECH_RATE_MIN ? SPEECH_RATE_MIN : words_a_minute > SPEECH_RATE_MAX ? SPEECH_RATE_MAX : words_a_minute;
	espeak_SetParameter(espeakRATE, s->rate, 0);
}

int speech_say(speaker *s, const char *text, speech_sink sink, void *ctx)
{
	s->sink = sink;
	s->ctx = ctx;
	s->stopped = 0;
	espeak_ERROR e = espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, NULL);
	s->sink = NULL;
	if (e != EE_OK)
		return -1;
	return s->stopped;
}
