/* The event pump and input injection: the only place above which no SDL event is seen.
 * The loop (src/app/app.c) takes translated events from yk_display_next; the headless
 * driver and the benchmark queue touches, text and keys with yk_display_inject_*, which go
 * through SDL's queue and the same translation as real input. */
#include "platform/display.h"

#include "core/utf8.h"

#include <SDL.h>
#include <string.h>

bool yk_display_next(struct yk_display *d, struct yk_display_event *out, int timeout_ms)
{
    SDL_Event e;
    memset(out, 0, sizeof *out);
    if (!yk_display_wait(d, &e, timeout_ms))
        return false;
    if (e.type == SDL_QUIT)
        out->quit = true;
    else
        out->has_input = yk_display_translate(d, &e, &out->input, &out->resized);
    return true;
}

void yk_display_inject_finger(struct yk_display *d, enum yk_finger phase, float lx, float ly)
{
    static const Uint32 types[] = {SDL_FINGERDOWN, SDL_FINGERMOTION, SDL_FINGERUP};
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = types[phase];
    e.tfinger.timestamp = SDL_GetTicks();
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = 1;
    yk_display_logical_to_touch(d, lx, ly, &e.tfinger.x, &e.tfinger.y);
    e.tfinger.pressure = 1.0f;
    SDL_PushEvent(&e);
}

void yk_display_inject_text(struct yk_display *d, const char *utf8)
{
    (void)d;
    size_t n = strlen(utf8);
    for (size_t i = 0; i < n;) {
        size_t len = yk_utf8_prefix(utf8 + i, n - i, SDL_TEXTINPUTEVENT_TEXT_SIZE - 1);
        if (len == 0) /* a "character" longer than an event: only stray bytes are */
            len = 1;
        SDL_Event e;
        memset(&e, 0, sizeof e);
        e.type = SDL_TEXTINPUT;
        memcpy(e.text.text, utf8 + i, len);
        SDL_PushEvent(&e);
        i += len;
    }
}

bool yk_display_inject_key(struct yk_display *d, const char *name)
{
    (void)d;
    SDL_Keycode k = SDL_GetKeyFromName(name);
    if (k == SDLK_UNKNOWN)
        return false;
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = k;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(k);
    SDL_PushEvent(&e);
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    SDL_PushEvent(&e);
    return true;
}
