/* The yardstick for the kiosk's start-up and memory in make bench: an SDL
 * window and renderer with the same driver and size, one frame drawn and
 * read back (as the kiosk's script does for a screenshot), then out. With
 * a second argument it stays N seconds, so that its memory can be read. */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	int w = 800, h = 480;
	if (argc > 1 && sscanf(argv[1], "%dx%d", &w, &h) != 2)
		return 2;
	if (SDL_Init(SDL_INIT_VIDEO) != 0)
		return 1;
	SDL_Window *win = SDL_CreateWindow("bare", 0, 0, w, h, SDL_WINDOW_SHOWN);
	SDL_Renderer *r = win ? SDL_CreateRenderer(win, -1, 0) : NULL;
	if (!r)
		return 1;
	SDL_SetRenderDrawColor(r, 240, 236, 226, 255);
	SDL_RenderClear(r);
	static Uint8 pixels[4];
	SDL_Rect one = {0, 0, 1, 1};
	SDL_RenderReadPixels(r, &one, SDL_PIXELFORMAT_RGBA32, pixels, 4);
	SDL_RenderPresent(r);
	puts("frame"); /* the first frame is shown (make bench times it) */
	fflush(stdout);
	if (argc > 2)
		SDL_Delay((Uint32)(atof(argv[2]) * 1000));
	SDL_DestroyRenderer(r);
	SDL_DestroyWindow(win);
	SDL_Quit();
	return 0;
}
