#include "hub/admin_html.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void yk_admin_html_int(struct yk_hub_html *s, int64_t v)
{
    char b[24];
    snprintf(b, sizeof b, "%" PRId64, v);
    yk_hub_html_raw(s, b);
}

void yk_admin_html_label(struct yk_hub_html *s, const char *zh, const char *en)
{
    yk_hub_html_text(s, zh);
    if (en && *en) {
        yk_hub_html_raw(s, " <span class=\"en\">");
        yk_hub_html_text(s, en);
        yk_hub_html_raw(s, "</span>");
    }
}

/* One CSV cell: quoted, quotes doubled; = + - @ (and tab, CR) at the start get a ' so that no
 * spreadsheet runs it (OWASP, "CSV injection"). */
void yk_admin_csv_cell(struct yk_hub_html *s, const char *v, bool last)
{
    yk_hub_html_raw(s, "\"");
    if (v && (*v == '=' || *v == '+' || *v == '-' || *v == '@' || *v == '\t' || *v == '\r'))
        yk_hub_html_raw(s, "'");
    for (; v && *v; v++) {
        if (*v == '"')
            yk_hub_html_raw(s, "\"\"");
        else
            yk_hub_html_put(s, v, 1);
    }
    yk_hub_html_raw(s, last ? "\"\r\n" : "\",");
}

/* Mobile first (390 px), wider screens get a table layout and more room. System fonts
 * only: Noto Sans CJK SC where installed, whatever CJK font the system has otherwise. */
const char yk_admin_css[] =
    "*{box-sizing:border-box}"
    "body{font-family:system-ui,\"Noto Sans CJK SC\",\"PingFang SC\",\"Microsoft YaHei\","
    "sans-serif;margin:0;background:#f6f1ea;color:#222;font-size:16px;line-height:1.45}"
    "a{color:#8c1d18}"
    "header{background:#b3261e;color:#fff;padding:.5rem .8rem;display:flex;flex-wrap:wrap;"
    "align-items:center;gap:.3rem .9rem}"
    "header a{color:#fff;text-decoration:none;padding:.35rem .2rem}"
    "header a.on{border-bottom:2px solid #fff}"
    "header .brand{font-weight:700;margin-right:auto}"
    "header .en{color:#f6dcd9}header form{margin:0}header .who{font-size:.85rem;opacity:.9}"
    "header button{background:transparent;color:#fff;border:1px solid #fff;border-radius:6px;"
    "padding:.25rem .6rem;min-height:0;font-size:.85rem}"
    "main{max-width:72rem;margin:0 auto;padding:1rem .8rem 3rem}"
    "h1{font-size:1.35rem;color:#8c1d18;margin:.3rem 0 1rem}"
    "h2{font-size:1.1rem;margin:1.4rem 0 .6rem}"
    ".en{color:#666;font-size:.88em;font-weight:normal}"
    ".card{background:#fff;border-radius:10px;padding:1rem;margin:0 0 1rem;"
    "box-shadow:0 1px 3px rgba(0,0,0,.12)}"
    "label{display:block;font-weight:600;margin:.9rem 0 .25rem}"
    "input,select,textarea{width:100%;font:inherit;padding:.5rem .6rem;border:1px solid #aaa;"
    "border-radius:6px;background:#fff;min-height:2.6rem}"
    "textarea{min-height:5.5rem}"
    "input[type=checkbox],input[type=radio]{width:1.4rem;height:1.4rem;min-height:0;padding:0;"
    "margin:0 .5rem 0 0;vertical-align:middle;accent-color:#8c1d18}"
    "input:focus,select:focus,textarea:focus{outline:3px solid #f0b429;border-color:#8c1d18}"
    ".bad input,.bad select,.bad textarea{border:2px solid #b3261e;background:#fff5f4}"
    ".msg{color:#b3261e;font-size:.9rem;margin:.25rem 0 0}"
    ".hint{color:#555;font-size:.85rem;margin:.2rem 0 0}"
    "button,.btn{display:inline-block;font:inherit;font-weight:600;background:#b3261e;color:#fff;"
    "border:0;border-radius:8px;padding:.6rem 1.1rem;min-height:2.75rem;text-decoration:none;"
    "cursor:pointer;margin:.8rem .4rem 0 0}"
    ".btn.alt,button.alt{background:#fff;color:#8c1d18;border:1px solid #8c1d18}"
    "button.danger{background:#6d1410}"
    ".inline{display:inline}"
    ".grid2{display:grid;grid-template-columns:1fr;gap:0 1rem}"
    ".filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}"
    ".filters label{margin:0;font-weight:normal;font-size:.9rem;max-width:100%}"
    ".filters select{width:auto;min-width:8rem;max-width:100%}"
    ".filters button{margin:0}"
    ".tabs a{display:inline-block;padding:.4rem .8rem;margin:0 .3rem .6rem 0;border-radius:16px;"
    "background:#fff;text-decoration:none;border:1px solid #ddd}"
    ".tabs a.on{background:#8c1d18;color:#fff;border-color:#8c1d18}.tabs a.on .en{color:#f6dcd9}"
    "table{border-collapse:collapse;width:100%;background:#fff}"
    "th,td{text-align:left;padding:.5rem .6rem;border-bottom:1px solid #eee;vertical-align:top}"
    "th{background:#f0e6da;font-size:.9rem}"
    ".tag{display:inline-block;font-size:.8rem;padding:.05rem .45rem;border-radius:10px;"
    "background:#eee;margin-right:.2rem}"
    ".tag.no{background:#fde2df;color:#8c1d18}.tag.ok{background:#dff3e4;color:#1b5e20}"
    ".tag.wait{background:#fff1d6;color:#7a4b00}"
    ".notice{background:#fff8e1;border-left:4px solid #f0b429;padding:.7rem .9rem;margin:0 0 1rem}"
    ".error{background:#fde2df;border-left:4px solid #b3261e;padding:.7rem .9rem;margin:0 0 1rem}"
    ".code{font-family:ui-monospace,monospace;font-size:1.25rem;letter-spacing:.08em;"
    "white-space:nowrap;"
    "background:#fff;padding:.6rem 1rem;border:2px dashed #8c1d18;display:inline-block}"
    "pre{white-space:pre-wrap;word-break:break-all;font-size:.8rem;margin:0}"
    ".login{max-width:24rem;margin:2rem auto}"
    "img.photo{display:block;max-width:100%;max-height:15rem;border-radius:6px;margin:.3rem 0}"
    "svg text{fill:#333}svg.qr{display:block;width:12rem;height:12rem;margin:.5rem 0}"
    "@media (max-width:700px){table.rows thead{display:none}"
    "table.rows,table.rows tbody,table.rows tr,table.rows td{display:block;width:100%}"
    "table.rows tr{border-bottom:6px solid #f6f1ea;padding:.3rem 0}"
    "table.rows td{border:0;padding:.2rem .7rem}"
    "table.rows td[data-h]::before{content:attr(data-h);display:block;font-size:.78rem;"
    "color:#666}}"
    "@media (min-width:700px){.grid2{grid-template-columns:1fr 1fr}.code{font-size:1.6rem}}"
    ".pager{display:flex;flex-wrap:wrap;gap:.6rem;align-items:center;margin:.8rem 0}"
    ".pager .btn{margin:0}"
    ".kiosk{max-width:800px;aspect-ratio:5/3;overflow:auto;border:10px solid #2b2b2b;"
    "border-radius:14px;background:#fffaf3;margin:0 0 1.2rem}"
    ".k-head{background:#b3261e;color:#fff;padding:.55rem 1rem;font-weight:700;font-size:1.2rem}"
    ".k-body{padding:.8rem 1rem}.k-seats{font-size:1.35rem;font-weight:700;margin:0 0 .5rem}"
    ".k-seats.open{color:#b3261e}.k-btn{display:inline-block;background:#b3261e;color:#fff;"
    "border-radius:10px;padding:.55rem 1.4rem;font-weight:700}.k-btn.off{background:#aaa}"
    "dl.k{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:.6rem 0}"
    "dl.k dt{color:#666}dl.k dd{margin:0}.k-sum{white-space:pre-wrap}"
    "td.acts a{display:inline-block;margin:0 .5rem .2rem 0;white-space:nowrap}"
    "table.sheet{border:1px solid #444;margin:0 0 1rem}"
    "table.sheet th,table.sheet td{border:1px solid #444;padding:.45rem .5rem}"
    "table.sheet td.num{text-align:right}table.sheet td.box{text-align:center;width:4.5rem}"
    "table.sheet td.note{width:22%}table.sheet tr.blank td{height:2.3rem}"
    ".tick{display:inline-block;width:1.3rem;height:1.3rem;border:2px solid #222;"
    "border-radius:3px;line-height:1.1rem;font-weight:700}"
    ".sheet-head p{font-size:1.05rem;margin:0 0 .8rem}"
    "@media print{header,.filters,button,.btn,.noprint{display:none}body{background:#fff;"
    "font-size:12pt}main{max-width:none;padding:0}h1{color:#000;margin:0 0 .4rem}"
    "@page{size:A4;margin:12mm}table.sheet tr{break-inside:avoid}"
    "table.sheet thead{display:table-header-group}.en{color:#333}}";
