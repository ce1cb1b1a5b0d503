#ifndef YK_SIGNUP_INTERNAL_H
#define YK_SIGNUP_INTERNAL_H

/* What the sign-up screen's files share (signup.c: the state, steps and actions;
 * signup_name.c: the surname grid and how the ticket addresses the person; signup_ticket.c:
 * the result and the ticket; signup_phone.c: the number step). Not for other screens, except
 * what mysignups.c (我的报名) uses to show a ticket again and its number step: the last two
 * functions, the heading and the wait bar. */

#include "core/signup.h"
#include "core/store.h"
#include "core/ticket.h"
#include "ui/kiosk.h"
#include "ui/phone_entry.h"
#include "ui/ui.h"

#include <stddef.h>
#include <stdint.h>

struct yk_signup_surname {
    const char *name;
    char initial; /* of its pinyin */
};
/* The most common surnames, in order of frequency (the first YK_SIGNUP_COMMON first). */
extern const struct yk_signup_surname yk_signup_surnames[];
extern const size_t yk_signup_n_surnames;
#define YK_SIGNUP_COMMON 20

/* signup_state.surname besides an index into yk_signup_surnames. */
#define SURNAME_NONE_CHOSEN (-1)
#define SURNAME_NO (-2)    /* 不写姓氏 */
#define SURNAME_LATIN (-3) /* a name typed in Latin letters: signup_state.latin */

enum yk_signup_step { STEP_PHONE, STEP_NAME, STEP_PARTY, STEP_PRIVACY, STEP_CONFIRM, STEP_RESULT };
#define YK_SIGNUP_STEPS 5              /* counted for "第2/5步"; the result is not a step */
#define YK_SIGNUP_CONFIRM_WAIT_MS 8000 /* then the sign-up is shown as pending */
#define YK_SIGNUP_CONFIRM_POLL_MS 200  /* the bar moves and the answer is looked for this often */

struct signup_state {
    enum yk_signup_step step;
    struct yk_event ev;
    bool have_event;
    struct yk_phone_entry phone; /* the number and the message under it */
    int surname;                 /* index into surnames, or SURNAME_NONE_CHOSEN / _NO / _LATIN */
    char latin[YK_LATIN_NAME_MAX + 1]; /* SURNAME_LATIN: the name typed in Latin letters */
    bool typing_latin;                 /* the Latin keyboard is up */
    const char *latin_error;           /* catalog key: why the last key was refused */
    enum yk_title title;
    int initial;          /* 0: the common grid; else the letter picked */
    bool picking_initial; /* the A–Z picker is up */
    int page;             /* the page of the grid where it takes more than one */
    int party;
    struct yk_signup_result result;
    bool submitted;
    bool confirming;          /* waiting for the hub's answer (online confirmation) */
    bool confirm_failed;      /* the hub could not be asked, or did not answer in time */
    int64_t confirm_start_ms; /* monotonic */
    bool reshown;             /* a ticket shown again from 我的报名: 完成 goes back there */
};

/* The screen's state (k->state[YK_SCREEN_SIGNUP]), or NULL. */
struct signup_state *yk_signup_ui_state(struct yk_kiosk *k);
/* Height of the bottom row's buttons (one text line on a compact frame). */
int yk_signup_ui_action_h(struct yk_kiosk *k);
/* A plain or primary button in font f (a small inset on a compact frame). */
struct yk_button_style yk_signup_ui_bstyle(struct yk_kiosk *k, bool primary, enum yk_font f);
/* The bottom row: 取消报名, the next action (none when next_label is NULL), mid between
 * them where it fits. Cuts it from *area. */
void yk_signup_ui_action_row(struct yk_kiosk *k, struct yk_rect *area, const char *next_label,
                             bool next_enabled, const char *mid);
/* A wait on the hub as a bar that fills over wait_ms from start_ms (monotonic), never empty,
 * with how far it has gone ("40%", widget id) at its right: one small line cut from the top
 * of *in. The sign-up's online confirmation and 我的报名's look-up and cancel use it. */
void yk_signup_ui_wait_bar(struct yk_kiosk *k, struct yk_rect *in, const char *id, int64_t start_ms,
                           int64_t wait_ms, int64_t poll_ms);
/* The screen's next deadline while such a wait runs (the bar's next step, or the wait's
 * end), for a screen's deadline hook. */
int64_t yk_signup_ui_wait_deadline(const struct yk_kiosk *k, int64_t start_ms, int64_t wait_ms,
                                   int64_t poll_ms);
/* The step's question at the top of area; returns the rest. */
struct yk_rect yk_signup_ui_heading(struct yk_kiosk *k, struct yk_rect area, const char *text);
/* The same with the heading's widget id (another screen's step: 我的报名's). */
struct yk_rect yk_signup_ui_heading_as(struct yk_kiosk *k, struct yk_rect area, const char *id,
                                       const char *text);
/* How the ticket addresses the person ("王女士", "Ms 王", "" for nobody). */
void yk_signup_ui_addressee(struct yk_kiosk *k, const struct signup_state *s, char *out, size_t n);
/* "1 位" / "1 person", "3 people" (in the frame's arena). */
const char *yk_signup_ui_party_text(struct yk_kiosk *k, int n);
/* The event's name, time and place and how the person is addressed, as fields of d with ids
 * prefix.event, .time, .place, .who (the summary and the ticket). */
struct yk_doc;
void yk_signup_ui_event_fields(struct yk_kiosk *k, struct yk_doc *d, const char *prefix);
/* The name step, in area. */
void yk_signup_ui_build_name(struct yk_kiosk *k, struct yk_rect area);
/* The result: the confirmation's wait, the ticket, or why there is none, in area. */
void yk_signup_ui_build_result(struct yk_kiosk *k, struct yk_rect area);

/* A number step as a screen shows it (signup_phone.c). Ids: <prefix>.step (the question),
 * <prefix>.phone (the number as typed), <prefix>.phone.abroad (the 境外号码 switch),
 * <prefix>.error, note_id (the note where nothing is wrong), <prefix>.key.<0-9|clear|del>.
 * Strings are borrowed for the build. */
struct yk_signup_phone_view {
    const char *prefix;
    const char *ask, *ask_abroad; /* the question for a mainland number, for one from abroad */
    const char *note_id, *note;   /* said where nothing is wrong and there is room */
    const char *error;            /* what is wrong, in words (NULL: nothing) */
    /* Cuts the screen's buttons from the bottom of *left; typed: any digit is typed. */
    void (*actions)(struct yk_kiosk *k, struct yk_rect *left, bool typed);
};
/* The number step over area, for the number e (the sign-up's first step, 我的报名's): on a
 * wide area the pad on the right and the rest on the left, else stacked. */
void yk_signup_ui_build_phone(struct yk_kiosk *k, struct yk_rect area,
                              const struct yk_phone_entry *e, const struct yk_signup_phone_view *v);

/* Opens the sign-up screen on the result of an existing sign-up of this kiosk (its ticket
 * again: the same QR and 入场码), for 我的报名; 完成 and the bar's back return there. */
void yk_signup_ui_show_ticket(struct yk_kiosk *k, const struct yk_signup_info *info);

#endif
