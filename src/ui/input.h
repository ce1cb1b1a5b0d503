#ifndef YK_INPUT_H
#define YK_INPUT_H

#include <stdint.h>

/* Input as the UI receives it: touches already in logical pixels (rotation and the touch
 * calibration applied), text as typed or scanned, and the few keys the UI acts on. The
 * platform layer (src/platform) makes these from SDL events; nothing here knows SDL. */

enum yk_input_type { YK_IN_DOWN, YK_IN_MOVE, YK_IN_UP, YK_IN_TEXT, YK_IN_KEY };

enum yk_key { YK_KEY_OTHER, YK_KEY_RETURN, YK_KEY_ESCAPE, YK_KEY_BACKSPACE, YK_KEY_TAB };

struct yk_input {
    enum yk_input_type type;
    int64_t pointer; /* DOWN/MOVE/UP: which finger (mouse = -1) */
    float x, y;      /* DOWN/MOVE/UP: logical pixels */
    char text[32];   /* TEXT: UTF-8 as typed (a scanner types whole codes) */
    enum yk_key key; /* KEY */
};

#endif
