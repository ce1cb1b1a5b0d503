/* Compares a screenshot taken with rotation R against the unrotated one: every pixel of
 * the rotated shot must be the unrotated pixel moved by the rotation (a few edge pixels of
 * slack for the renderer's rounding). Usage: rotation_check PLAIN.png ROTATED.png R */
#include <SDL.h>
#include <SDL_image.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

static Uint32 px(SDL_Surface *s, int x, int y)
{
    return ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x] & 0xFFFFFF;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: rotation_check PLAIN.png ROTATED.png R\n");
        return 2;
    }
    SDL_Surface *a0 = IMG_Load(argv[1]), *b0 = IMG_Load(argv[2]);
    if (!a0 || !b0) {
        fprintf(stderr, "cannot load: %s\n", IMG_GetError());
        return 1;
    }
    SDL_Surface *a = SDL_ConvertSurfaceFormat(a0, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_Surface *b = SDL_ConvertSurfaceFormat(b0, SDL_PIXELFORMAT_ARGB8888, 0);
    int r = atoi(argv[3]);
    int W = b->w, H = b->h;
    bool swap = r == 90 || r == 270;
    if ((swap ? H : W) != a->w || (swap ? W : H) != a->h) {
        fprintf(stderr, "sizes do not match rotation %d: %dx%d vs %dx%d\n", r, a->w, a->h, W, H);
        SDL_FreeSurface(a);
        SDL_FreeSurface(b);
        SDL_FreeSurface(a0);
        SDL_FreeSurface(b0);
        return 1;
    }
    long same = 0, total = 0;
    for (int y = 0; y < a->h; y++)
        for (int x = 0; x < a->w; x++) {
            int bx, by;
            switch (r) {
            case 90:
                bx = W - 1 - y;
                by = x;
                break;
            case 180:
                bx = W - 1 - x;
                by = H - 1 - y;
                break;
            case 270:
                bx = y;
                by = H - 1 - x;
                break;
            default:
                bx = x;
                by = y;
                break;
            }
            total++;
            same += px(a, x, y) == px(b, bx, by);
        }
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    SDL_FreeSurface(a0);
    SDL_FreeSurface(b0);
    double ratio = (double)same / (double)total;
    printf("rotation %d: %.4f of pixels match\n", r, ratio);
    return ratio >= 0.995 ? 0 : 1;
}
