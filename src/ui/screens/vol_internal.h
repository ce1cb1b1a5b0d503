#ifndef YK_VOL_INTERNAL_H
#define YK_VOL_INTERNAL_H

/* Volunteer mode's private header: the state of the mode (k->state[YK_SCREEN_VOLUNTEER]) and
 * what its files share. volunteer.c keeps the tabs, the frame and the dispatch of taps;
 * vol_checkin.c the check-in (scan, code, phone), vol_result.c its result and the "how
 * many" question, vol_walkin.c the walk-ins, vol_today.c duty and today's figures with the
 * sync section, vol_setup.c the hub's setup-code pad, vol_rejects.c the set-aside list;
 * volunteer_pin.c is the PIN pad (a screen of its own). Widget ids: volunteer.c's header. */

#include "core/scanner.h"
#include "core/signup.h"
#include "core/set_aside.h"
#include "core/store.h"
#include "core/sync.h"
#include "core/ticket.h"
#include "core/volunteer.h"
#include "ui/page.h"
#include "ui/screens/screens.h"

#define tr yk_kiosk_tr
#define PICK(bt) yk_pick(k->lang, (bt).zh, (bt).en)

enum tab { TAB_CHECKIN, TAB_WALKIN, TAB_DUTY, TAB_TODAY };

#define YK_SETUP_LEN 16 /* Crockford base32 symbols of the hub's setup code */
enum cmode { CM_SCAN, CM_CODE, CM_PHONE };

/* What the result panel says. */
enum verdict {
    V_NONE,
    V_OK,
    V_ALREADY,
    V_WRONG_EVENT,
    V_INVALID,
    V_REVOKED,
    V_CANCELLED,
    V_NOT_CONFIRMED,
    V_NOT_FOUND,
    V_NOT_TICKET,
    V_NO_EVENT,
    V_ERROR,
};

struct result {
    enum verdict v;
    char who[YK_NAME_MAX + 24];
    int count, party, remaining;
    long long first_utc;
    bool first_here;
    char other_event[160]; /* the event the ticket is for (wrong event), when known */
};

/* A party with more than one person not yet in: how many arrive now? */
struct ask {
    bool up;
    char ticket_code[YK_TICKET_DIGITS + 1];
    char signup_id[YK_ID_LEN + 1];
    char who[YK_NAME_MAX + 24];
    int remaining, party;
};

struct vstate {
    enum tab tab;
    /* check-in */
    struct yk_event_list events;
    struct yk_rows event_rows;
    int sel; /* index into events, -1 none */
    enum cmode mode;
    struct yk_scanner scanner;
    char code[16];   /* short code as typed */
    bool code_short; /* 签到 was tapped before all 8 were typed */
    char phone[8];   /* last four as typed */
    bool searched;   /* the last four were looked up */
    struct yk_signup_match_list matches;
    struct yk_rows match_rows;
    bool pad_full; /* the last build showed the code or phone pad alone (yk_vol_pad_full) */
    struct result res;
    struct ask ask;
    /* walk-ins */
    struct yk_walkin_kind_list kinds;
    struct yk_walkin_count_list counts;
    const char *walk_msg; /* catalog key */
    char walk_kind[YK_VOLUNTEER_ID_MAX + 1];
    /* duty */
    struct yk_duty_list duty_now, duty_hours;
    const char *duty_msg;
    /* today */
    struct yk_day_summary sum;
    bool sum_ok;
    struct yk_sync_status sync;      /* waiting and set_aside live from this kiosk's database */
    struct yk_sync_status sync_seen; /* as published, to notice a new one */
    /* the setup-code pad (Today → 连接服务中心): never logged, wiped when done */
    bool setup_up;
    char setup[YK_SETUP_LEN + 1]; /* the Crockford symbols typed or scanned, no dashes */
    const char *setup_msg;        /* catalog key: a malformed scan */
    struct yk_scanner setup_scan; /* the scanner while the pad is up (16-symbol codes) */
    bool setup_sent;              /* handed to sync; "connecting" until a round answers */
    bool setup_refused;           /* the round after it did not enrol: the hub said no */
    /* the records the hub set aside (Today → 被中心退回 → the list) */
    bool rejects_up;
    struct yk_set_aside *rejects;
    int n_rejects;
    struct yk_rows reject_rows;
    const char *lock_reason; /* why leave() locks: "button", else worked out there */
};

static inline struct vstate *vst(const struct yk_kiosk *k)
{
    return k->state[YK_SCREEN_VOLUNTEER];
}

/* The event chosen for check-in, or NULL. */
static inline const struct yk_event *cur_event(const struct vstate *s)
{
    return s->sel >= 0 && (size_t)s->sel < s->events.count ? &s->events.items[s->sel] : NULL;
}

static inline int64_t mono(const struct yk_kiosk *k)
{
    return yk_clock_mono_ms(k->p.clock);
}

static inline int64_t utc_ms(const struct yk_kiosk *k)
{
    return yk_clock_utc_ms(k->p.clock);
}

static inline struct yk_color hex(uint32_t v)
{
    return (struct yk_color){(uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v, 255};
}

/* ---- shared layout (volunteer.c) */

/* Width a button needs for its label in font f (and an icon when icon). */
int yk_vol_label_w(struct yk_kiosk *k, const char *label, enum yk_font f, bool icon);
/* Width of a button in a tight row: its words (and picture) inside the button's inset with
 * a margin, never under a touch target. */
int yk_vol_snug_w(struct yk_kiosk *k, const char *label, bool icon);
/* Height of a row of one-line buttons (the tabs, the ways in): on the compact frame one text
 * line with a small inset, as the bar's (at least a touch target); else the line with the
 * usual inset, at least least. */
int yk_vol_row_h(struct yk_kiosk *k, int least);
/* The space under such rows before the content: a gap on the compact frame, else a pad. */
int yk_vol_row_space(struct yk_kiosk *k);
/* A line of text at the top of *area, cut off it. */
void yk_vol_line(struct yk_kiosk *k, struct yk_rect *area, const char *id, const char *text,
                 enum yk_font f, struct yk_color c, enum yk_align a);
/* The keypad of volunteer mode's pads (the words of 清除 and ⌫ from the catalog), its keys
 * the screen's choices; tight: a small inset round the labels (a pad alone on a short area). */
void yk_vol_keypad(struct yk_kiosk *k, const char *prefix, const char *scroll_id, struct yk_rect r,
                   const char *const *keys, int n, int min_cols, enum yk_font f, bool tight);
/* Loads the upcoming events that take sign-ups (the check-in picker). */
void yk_vol_load_events(struct yk_kiosk *k, struct vstate *s);

/* ---- check-in (vol_checkin.c) */

/* Forgets the code, the last four and the matches typed on the check-in pads. */
void yk_vol_clear_entry(struct vstate *s);
/* A scan from the USB scanner: a ticket, a short code or neither; shows the result. */
void yk_vol_handle_scan(struct yk_kiosk *k, struct vstate *s, const struct yk_scan *sc);
/* Records count people of a party (ticket code or sign-up id), or, with count 0, works out
 * how many are left first: one goes straight in, more are asked about. */
void yk_vol_admit(struct yk_kiosk *k, struct vstate *s, const char *ticket_code,
                  const char *signup_id, int count);
/* Height of a row of the code pad's box and buttons. */
int yk_vol_code_bh(struct yk_kiosk *k);
/* True when the code or phone pad is up and would not fit whole in `in` (the area beside the
 * tabs) under the event and the chips of the ways in: then it takes the whole area alone
 * (no tabs, no chips; 返回 goes back to the scan view), as a result does. */
bool yk_vol_pad_full(struct yk_kiosk *k, const struct vstate *s, struct yk_rect in);
/* The check-in tab in `in`: the event picker, the entry (scan, code, phone; the pad alone
 * when s->pad_full), or a result or the question. */
void yk_vol_build_checkin(struct yk_kiosk *k, struct vstate *s, struct yk_rect in);
/* A tap on the check-in tab (a = the id without "vol."); false when not its own. */
bool yk_vol_checkin_activate(struct yk_kiosk *k, struct vstate *s, const char *a);

/* ---- the result and the question (vol_result.c) */

void yk_vol_build_result(struct yk_kiosk *k, struct vstate *s, struct yk_rect in);
void yk_vol_build_ask(struct yk_kiosk *k, struct vstate *s, struct yk_rect in);

/* ---- walk-ins (vol_walkin.c) */

void yk_vol_load_walkins(struct yk_kiosk *k, struct vstate *s);
void yk_vol_build_walkin(struct yk_kiosk *k, struct vstate *s, struct yk_rect in);
bool yk_vol_walkin_activate(struct yk_kiosk *k, struct vstate *s, const char *a);

/* ---- duty and today (vol_today.c) */

void yk_vol_load_duty(struct yk_kiosk *k, struct vstate *s);
void yk_vol_load_today(struct yk_kiosk *k, struct vstate *s);
void yk_vol_build_duty(struct yk_kiosk *k, struct vstate *s, struct yk_rect in);
void yk_vol_build_today(struct yk_kiosk *k, struct vstate *s, struct yk_rect in);
bool yk_vol_duty_activate(struct yk_kiosk *k, struct vstate *s, const char *a);
/* "YYYY-MM-DD HH:MM", Shanghai time (in the frame's arena). */
const char *yk_vol_when_text(struct yk_kiosk *k, int64_t utc_s);

/* ---- the setup-code pad (vol_setup.c) */

/* Closes the pad and wipes what was typed or scanned. */
void yk_vol_setup_close(struct vstate *s);
/* Takes what the setup pad's scanner has finished (a code fills the pad). */
void yk_vol_setup_take_scans(struct yk_kiosk *k, struct vstate *s);
void yk_vol_build_setup(struct yk_kiosk *k, struct vstate *s, struct yk_rect in);
/* 连接服务中心 and the pad's keys (a = the id without "vol."); false when not its own. */
bool yk_vol_setup_activate(struct yk_kiosk *k, struct vstate *s, const char *a);

/* ---- the set-aside list (vol_rejects.c) */

void yk_vol_build_rejects(struct yk_kiosk *k, struct vstate *s, struct yk_rect in);
/* The count's row and the list's 返回 (a = the id without "vol."); false when not its own. */
bool yk_vol_rejects_activate(struct yk_kiosk *k, struct vstate *s, const char *a);

#endif
