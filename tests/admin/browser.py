"""The admin's main scenario in a real browser (headless Debian chromium through chromedriver,
driven by python3-selenium), with the real hub and a headless kiosk that syncs:

  the first admin (made with `yikong-hub user-add`, password on stdin) signs in, adds a staff
  account and a kiosk (its setup code shown once); staff sign in, publish an event; the kiosk
  enrols with the code, syncs, and its events screen shows the event (with the photo staff
  uploaded, after a refused file that is not an image); a person signs up on the
  kiosk, the kiosk syncs, and the sign-up shows in the admin with the phone masked (the full
  number only on the event's call list: the hub runs with --phone-days 30) and in the
  CSV export and on the printable sign-in sheet; staff cancel the sign-up and the kiosk has
  it cancelled after its next sync (its heartbeat says its queue); staff cancel the event and
  the kiosk has it cancelled after its next sync.

Screenshots of the main pages at 1366x768 and 390x844 go to build/shots/admin/. Exit 77 (ctest
SKIP) only when chromium or chromedriver is missing.
"""
import csv
import hashlib
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib
import struct

SRC = os.environ.get("YK_SOURCE_DIR", ".")
BUILD = os.environ.get("YK_BUILD_DIR", "build")
HUB = os.path.join(BUILD, "src/hub/yikong-hub")
KIOSK = os.path.join(BUILD, "src/app/yikong-kiosk")
SHOTS = os.path.join(BUILD, "shots/admin")
ADMIN_PW = "first-admin-password"
STAFF_PW = "staff-binjiang-pw"
TITLE = "滨江读书会（测试）<b>粗</b>"
# The hub lists events by its own clock, so the event is tomorrow (Shanghai) and the kiosk's
# clock is today's morning.
_today = time.gmtime(time.time() + 8 * 3600)
_tomorrow = time.gmtime(time.time() + 8 * 3600 + 86400)
KIOSK_NOW = time.strftime("%Y-%m-%dT08:00:00+08:00", _today)
EVENT_DAY = time.strftime("%Y-%m-%d", _tomorrow)

failures = []


def png(w, h, rgb):
    """A small PNG of one colour (the site photo to upload)."""
    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    raw = b"".join(b"\0" + bytes(rgb) * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def check(cond, what):
    if not cond:
        failures.append(what)
        print("CHECK failed:", what, file=sys.stderr)


def find_browser():
    chrome = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver") or (
        "/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)
    return chrome, driver


def main():
    chrome, driver_bin = find_browser()
    if not chrome or not driver_bin:
        print("admin_browser: SKIPPED: chromium or chromedriver is not installed "
              "(Debian: apt-get install chromium chromium-driver python3-selenium)")
        return 77
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as EC
        from selenium.webdriver.support.ui import Select, WebDriverWait
        from selenium.common.exceptions import WebDriverException
    except ImportError:
        print("admin_browser: SKIPPED: python3-selenium is not installed")
        return 77

    tmp = tempfile.mkdtemp(prefix="yk-admin-browser-")
    db = os.path.join(tmp, "hub.db")
    os.makedirs(SHOTS, exist_ok=True)
    hub = None
    drv = None
    try:
        subprocess.run([HUB, "--db", db, "load-sample"], check=True, capture_output=True)
        # The first admin: the password typed twice (here: two lines of a non-terminal stdin).
        subprocess.run([HUB, "--db", db, "user-add", "boss", "--role", "admin"],
                       input=(ADMIN_PW + "\n" + ADMIN_PW + "\n").encode(), check=True,
                       capture_output=True)
        port_file = os.path.join(tmp, "port")
        log = open(os.path.join(tmp, "hub.log"), "w")
        # Full numbers kept for the stations' call lists, 30 days after the event (as the
        # kiosk's default retention_days).
        hub = subprocess.Popen([HUB, "--db", db, "serve", "--port", "0", "--port-file",
                                port_file, "--phone-days", "30"], stderr=log)
        for _ in range(500):
            if os.path.exists(port_file):
                break
            time.sleep(0.01)
        port = int(open(port_file).read())
        base = "http://127.0.0.1:%d" % port

        opts = webdriver.ChromeOptions()
        opts.binary_location = chrome
        for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--window-size=1366,768", "--lang=zh-CN", "--no-proxy-server",
                  "--user-data-dir=" + os.path.join(tmp, "chrome")):
            opts.add_argument(a)
        drv = webdriver.Chrome(service=Service(driver_bin), options=opts)
        drv.set_page_load_timeout(60)

        def shot(name):
            """The page at 1366x768 and at 390x844 (a phone), whole height."""
            for w, h in ((1366, 768), (390, 844)):
                drv.set_window_size(w, h)
                height = drv.execute_script("return document.documentElement.scrollHeight")
                drv.set_window_size(w, max(h, min(int(height) + 140, 4000)))
                drv.save_screenshot(os.path.join(SHOTS, "%s-%dx%d.png" % (name, w, h)))
                # Nothing wider than the window (usable on a phone).
                sw = drv.execute_script("return document.documentElement.scrollWidth")
                check(sw <= w + 1, "%s at %d px is %s px wide" % (name, w, sw))
            drv.set_window_size(1366, 768)

        def replaced(old):
            """EC.staleness_of, but chromedriver may report a node of the replaced document
            as a generic error ("does not belong to the document") instead of a stale one."""
            def gone(_):
                try:
                    old.is_enabled()
                    return False
                except WebDriverException:
                    return True
            return gone

        def submit(button_id):
            """Clicks a submit button and waits for the next page to replace this one."""
            old = drv.find_element(By.TAG_NAME, "html")
            drv.find_element(By.ID, button_id).click()
            WebDriverWait(drv, 30).until(replaced(old))

        def fill(field_id, text):
            e = drv.find_element(By.ID, field_id)
            e.clear()
            e.send_keys(text)

        def login(name, pw):
            drv.get(base + "/admin/login")
            fill("name", name)
            fill("password", pw)
            submit("login")
            check(drv.current_url.endswith("/admin/events"), "signed in as " + name)

        def logout():
            submit("logout")
            check("/admin/login" in drv.current_url, "signed out")

        # No session: the sign-in page.
        drv.get(base + "/admin/events")
        check(drv.current_url.endswith("/admin/login"), "no session -> sign-in page")
        shot("login")
        login("boss", ADMIN_PW)
        shot("events")

        # A staff account for the riverside station.
        drv.get(base + "/admin/users")
        fill("name", "staff-bj")
        Select(drv.find_element(By.ID, "role")).select_by_value("staff")
        Select(drv.find_element(By.ID, "station")).select_by_value("binjiang")
        fill("password", STAFF_PW)
        fill("password2", STAFF_PW)
        submit("add-user")
        check("staff-bj" in drv.find_element(By.ID, "users").text, "staff account listed")
        shot("users")

        # A kiosk for the station: the setup code, shown once, as text.
        drv.get(base + "/admin/kiosks")
        Select(drv.find_element(By.ID, "station")).select_by_value("binjiang")
        submit("add-kiosk")
        code = drv.find_element(By.ID, "setup-code").text.strip()
        check(len(code) == 19, "setup code shown: " + code)
        shot("kiosk-code")
        # The QR beside it reads back as the code (what the kiosk's scanner would type).
        if shutil.which("zbarimg"):
            r = subprocess.run(["zbarimg", "--raw", "-q",
                                os.path.join(SHOTS, "kiosk-code-1366x768.png")],
                               capture_output=True)
            check(r.stdout.decode().strip() == code, "setup QR reads %r" % r.stdout)
        drv.get(base + "/admin/kiosks")
        check(code not in drv.page_source, "the setup code is shown only once")

        # A site's photo and its place along the riverside.
        photo = png(160, 90, (200, 60, 40))
        photo_path = os.path.join(tmp, "bridge.png")
        with open(photo_path, "wb") as f:
            f.write(photo)
        drv.get(base + "/admin/content/sites/lupu-bridge/edit")
        fill("river_pos_m", "1200")
        drv.find_element(By.ID, "photo").send_keys(photo_path)
        submit("save")
        check(drv.current_url.endswith("/admin/content/sites?done=1"), "site saved")
        check(len(drv.find_elements(By.CSS_SELECTOR, "#river circle[cx=\"404\"]")) == 1,
              "the site on the river at 1200 m")
        shot("content-sites")
        drv.get(base + "/admin/content/sites/lupu-bridge/edit")
        check(drv.execute_script("return document.getElementById('photo-now').naturalWidth") == 160,
              "the photo shows in the admin")
        shot("site-edit")
        # Its preview as a kiosk shows it, with the photo (linked from the form).
        drv.find_element(By.ID, "preview").click()
        zh = drv.find_element(By.ID, "preview-zh")
        check("卢浦大桥" in zh.text and "Lupu Bridge" in drv.find_element(By.ID, "preview-en").text,
              "the site's preview shows its names")
        check(drv.execute_script("return document.querySelector('#preview-zh img.photo')"
                                 ".naturalWidth") == 160, "the site's preview shows its photo")
        shot("site-preview")
        # Deleting a service takes a confirming page and its form (no script).
        drv.get(base + "/admin/content/services/drinking-water/edit")
        drv.find_element(By.ID, "delete").click()
        check("饮用水" in drv.find_element(By.ID, "delete-name").text, "the delete page names it")
        shot("content-delete")
        submit("confirm-delete")
        check(drv.current_url.endswith("/admin/content/services?deleted=1"), "service deleted")
        check("饮用水" not in drv.find_element(By.ID, "items").text, "the service is gone")
        drv.get(base + "/admin/volunteers")
        fill("name_zh", "李阿姨")
        Select(drv.find_element(By.ID, "station")).select_by_value("binjiang")
        fill("pin", "13579")
        fill("pin2", "13579")
        submit("add-volunteer")
        check("李阿姨" in drv.find_element(By.ID, "volunteers").text, "volunteer listed")
        shot("volunteers")
        logout()

        # Staff publish an event (the first of the kiosk's list: tomorrow morning).
        login("staff-bj", STAFF_PW)
        drv.get(base + "/admin/events/new")
        check(len(drv.find_elements(By.ID, "station")) == 0, "staff choose no station")
        submit("save")  # empty: messages per field
        check(len(drv.find_elements(By.ID, "msg-title_zh")) == 1, "title required message")
        check(len(drv.find_elements(By.ID, "msg-starts_utc")) == 1, "start required message")
        shot("event-form-errors")
        fill("title_zh", TITLE)
        fill("title_en", "Riverside reading club (test)")
        Select(drv.find_element(By.ID, "kind")).select_by_value("charity")
        Select(drv.find_element(By.ID, "block_id")).select_by_value("renwen")
        fill("starts_utc", EVENT_DAY + " 10:00")
        fill("ends_utc", EVENT_DAY + " 11:30")
        fill("place_zh", "滨江党建群团服务站 二楼")
        fill("host_zh", "五里桥街道")
        fill("capacity", "10")
        fill("max_party", "2")
        fill("seat_block", "4")
        fill("summary_zh", "一起读《城市的滨江》。<script>alert(1)</script>")
        # Its photo: first a file that is not an image (refused, nothing saved, the fields
        # kept), then a real one.
        bad_path = os.path.join(tmp, "notes.png")
        with open(bad_path, "wb") as f:
            f.write(b"<html>not a picture</html>")
        drv.find_element(By.ID, "photo").send_keys(bad_path)
        submit("save")
        check("PNG, JPEG or WebP" in drv.find_element(By.ID, "form-error").text,
              "a file that is not an image is refused with the reason")
        check(drv.find_element(By.ID, "capacity").get_attribute("value") == "10",
              "the refused form keeps what was typed")
        con = sqlite3.connect(db)
        check(con.execute("SELECT count(*) FROM events WHERE title_zh = ?", (TITLE,)).fetchone()[0]
              == 0, "nothing saved with a refused photo")
        con.close()
        shot("event-photo-refused")
        ev_photo = png(240, 160, (40, 90, 160))
        ev_photo_path = os.path.join(tmp, "reading.png")
        with open(ev_photo_path, "wb") as f:
            f.write(ev_photo)
        drv.find_element(By.ID, "photo").send_keys(ev_photo_path)
        submit("save")
        check(drv.current_url.endswith("/admin/events?done=1"), "event saved")
        check(TITLE in drv.find_element(By.ID, "events").text, "event listed, markup as text")
        shot("events-staff")
        con = sqlite3.connect(db)
        eid = con.execute("SELECT id FROM events WHERE title_zh = ?", (TITLE,)).fetchone()[0]
        con.close()
        drv.get(base + "/admin/events/%s/edit" % eid)
        check(drv.execute_script("return document.getElementById('photo-now').naturalWidth") == 240,
              "the event's photo shows in its form")
        check(len(drv.find_elements(By.ID, "photo-remove")) == 1, "the photo can be removed")
        shot("event-edit")
        drv.get(base + "/admin/events/%s/preview" % eid)
        check("我要报名" in drv.find_element(By.ID, "preview-zh").text and
              "Sign up" in drv.find_element(By.ID, "preview-en").text,
              "the preview shows the kiosk's words")
        shot("event-preview")

        # The kiosk enrols with the code, syncs, and shows the event.
        kdir = os.path.join(tmp, "kiosk")
        os.makedirs(kdir)
        conf = os.path.join(kdir, "k.conf")
        with open(conf, "w") as f:
            f.write("hub_url = %s\nsetup_code = %s\n" % (base, code))

        def kiosk(script, name, size="800x480"):
            r = subprocess.run([KIOSK, "--headless", "--size", size, "--now", KIOSK_NOW,
                                "--config", conf, "--data-dir", kdir, "--script", "-"],
                               input=script.replace("@OUT@", SHOTS).encode(),
                               capture_output=True, timeout=120,
                               env=dict(os.environ, SDL_VIDEODRIVER="dummy"))
            check(r.returncode == 0, "kiosk script %s: %s" % (name, r.stderr.decode()[-800:]))
            return r

        kiosk("sync\ntap home.sites\ntap sites.tab.map\nshot @OUT@/kiosk-sites-map.png\ntap-if nav.home\n"
              "tap home.events\nswipe-until events.item.%s events.list\n"
              "shot @OUT@/kiosk-events.png\ntap events.item.%s\nexpect-id screen.event\n"
              "expect-text %s\nexpect-id event.signup\nshot @OUT@/kiosk-event.png\n"
              % (eid, eid, TITLE), "kiosk-event")

        kdb = [os.path.join(kdir, f) for f in os.listdir(kdir) if f.endswith(".db")]
        check(len(kdb) == 1, "the kiosk's database: %r" % os.listdir(kdir))
        sha = hashlib.sha256(photo).hexdigest()
        if kdb:
            con = sqlite3.connect(kdb[0])
            site = con.execute("SELECT river_pos_m, photo_hash FROM sites WHERE id = 'lupu-bridge'"
                               ).fetchone()
            media = con.execute("SELECT bytes FROM media WHERE hash = ?", (sha,)).fetchone()
            con.close()
            check(site == (1200, sha), "the kiosk has the site's place and photo: %r" % (site,))
            check(media is not None and bytes(media[0]) == photo, "the kiosk has the photo")
            ev_sha = hashlib.sha256(ev_photo).hexdigest()
            con = sqlite3.connect(kdb[0])
            got = con.execute("SELECT photo_hash FROM events WHERE id = ?", (eid,)).fetchone()
            media = con.execute("SELECT bytes FROM media WHERE hash = ?", (ev_sha,)).fetchone()
            con.close()
            check(got == (ev_sha,), "the kiosk has the event's photo hash: %r" % (got,))
            check(media is not None and bytes(media[0]) == ev_photo, "the kiosk has its bytes")
            # A large screen shows it on the event's page (its own: the place names no site),
            # the sign-up whole in view; the 7" panel keeps its room for the sign-up.
            for size in ("1920x1080", "1080x1920"):
                kiosk("tap home.events\nswipe-until events.item.%s events.list\n"
                      "tap events.item.%s\nexpect-id event.photo\nexpect-id event.signup\n"
                      "check-choices\ntree @OUT@/kiosk-event-photo-%s.json\n"
                      "shot @OUT@/kiosk-event-photo-%s.png\n" % (eid, eid, size, size),
                      "kiosk-event-photo", size)
                tree = os.path.join(SHOTS, "kiosk-event-photo-%s.json" % size)
                shown = [json.loads(l) for l in open(tree, encoding="utf-8")
                         if '"event.photo"' in l] if os.path.exists(tree) else []
                check(len(shown) == 1 and shown[0].get("data") == ev_sha,
                      "the %s kiosk shows the event's own photo: %r" % (size, shown))
            kiosk("tap home.events\nswipe-until events.item.%s events.list\n"
                  "tap events.item.%s\ntap nav.elder\nexpect-id event.signup\ncheck-choices\n"
                  "shot @OUT@/kiosk-event-elder.png\ntap nav.elder\n" % (eid, eid),
                  "kiosk-event-elder")

        # Someone signs up on the kiosk (from its offline seats), and the kiosk syncs.
        keys = "".join("tap signup.key.%s\n" % d for d in "13812345678")
        kiosk("tap home.events\nswipe-until events.item.%s events.list\ntap events.item.%s\n"
              "tap event.signup\nexpect-id screen.signup\n"
              "%stap signup.next\ntap signup.title.ms\ntap signup.surname.0\ntap signup.next\n"
              "tap signup.party.2\ntap signup.next\ntap signup.next\ntap signup.next\n"
              "expect-id signup.ticket.qr\nshot @OUT@/kiosk-ticket.png\ntap signup.done\nsync\n"
              % (eid, eid, keys), "kiosk-signup")

        drv.get(base + "/admin/events/%s/signups" % eid)
        table = drv.find_element(By.ID, "signups").text
        # Kiosks send only the last four digits (src/hub/README.md, tickets).
        check("****5678" in table and "王女士" in table, "sign-up listed with the phone masked")
        check("13812345678" not in drv.page_source, "no full phone number on the page")
        check("2 / 10" in drv.find_element(By.ID, "totals").text, "totals against capacity")
        shot("signups")
        # The CSV, fetched with the browser's session cookie.
        sid = drv.get_cookie("yk_admin")["value"]
        rq = urllib.request.Request(base + "/admin/events/%s/signups.csv" % eid,
                                    headers={"Cookie": "yk_admin=" + sid})
        body = urllib.request.build_opener(urllib.request.ProxyHandler({})).open(rq).read()
        check(body.startswith(b"\xef\xbb\xbf"), "CSV starts with a BOM")
        rows = list(csv.reader(io.StringIO(body[3:].decode("utf-8"))))
        check(len(rows) == 2 and rows[1][1] == "****5678" and rows[1][2] == "2",
              "CSV holds the sign-up: %r" % rows)

        # The call list: the full number (the kiosk learnt from the heartbeat that the hub keeps
        # it), only here, and the view audited.
        drv.get(base + "/admin/events/%s/calls" % eid)
        check("13812345678" in drv.find_element(By.ID, "calls").text,
              "the call list has the full number")
        shot("calls")
        con = sqlite3.connect(db)
        viewed = con.execute("SELECT count(*) FROM admin_audit WHERE action = "
                             "'signup.call-list'").fetchone()[0]
        con.close()
        check(viewed >= 1, "viewing the call list is audited")

        # The printable sign-in sheet (no script; the print stylesheet hides the bar).
        drv.get(base + "/admin/events/%s/sheet" % eid)
        sheet = drv.find_element(By.ID, "sheet").text
        check("王女士" in sheet and "****5678" in sheet, "the sign-in sheet lists the sign-up")
        check(len(drv.find_elements(By.TAG_NAME, "script")) == 0, "the sheet has no script")
        shot("sheet")
        drv.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        check(drv.execute_script("return getComputedStyle(document.querySelector('header'))"
                                 ".display") == "none", "printed without the bar")
        drv.set_window_size(794, 1123)  # A4 at 96 dpi
        drv.save_screenshot(os.path.join(SHOTS, "sheet-print-a4.png"))
        drv.set_window_size(1366, 768)
        drv.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

        # Staff cancel the sign-up (a page to confirm it); the kiosk has it cancelled after its
        # next sync, and its event page shows the seats free again.
        drv.get(base + "/admin/events/%s/signups" % eid)
        link = drv.find_element(By.CSS_SELECTOR, "#signups td.acts a[href$='/cancel']")
        drv.get(link.get_attribute("href"))
        check(len(drv.find_elements(By.ID, "do")) == 1, "a page confirms the cancellation")
        shot("signup-cancel")
        submit("do")
        check(drv.current_url.endswith("/signups?done=cancel"), "sign-up cancelled")
        check("已取消" in drv.find_element(By.ID, "signups").text, "listed as cancelled")
        check("0 / 10" in drv.find_element(By.ID, "totals").text, "its seats free again")
        kiosk("sync\ntap home.events\nswipe-until events.item.%s events.list\n"
              "tap events.item.%s\nexpect-id event.signup\nshot @OUT@/kiosk-event-freed.png\n"
              % (eid, eid), "kiosk-signup-cancelled")
        if kdb:
            con = sqlite3.connect(kdb[0])
            st = con.execute("SELECT status FROM signups").fetchall()
            con.close()
            check(st == [("cancelled",)], "the kiosk has the sign-up cancelled: %r" % st)
        con = sqlite3.connect(db)
        beat = con.execute("SELECT records_waiting, records_set_aside FROM kiosks").fetchall()
        con.close()
        check(beat == [(0, 0)], "the kiosk's heartbeat says its queue: %r" % beat)

        # Staff cancel the event; the kiosk has it cancelled after its next sync.
        drv.get(base + "/admin/events/%s/edit" % eid)
        drv.find_element(By.ID, "confirm-cancel").click()
        submit("cancel")
        check(len(drv.find_elements(By.ID, "cancelled")) == 1, "cancelled: people to call")
        shot("signups-cancelled")
        kiosk("sync\ntap home.events\nshot @OUT@/kiosk-after-cancel.png\n", "kiosk-cancel")
        if kdb:
            con = sqlite3.connect(kdb[0])
            row = con.execute("SELECT cancelled_utc FROM events WHERE id = ?", (eid,)).fetchone()
            con.close()
            check(row is not None and row[0] is not None, "kiosk has the event cancelled")
        logout()

        # The admin's audit log has it all.
        login("boss", ADMIN_PW)
        drv.get(base + "/admin/audit")
        audit = drv.find_element(By.ID, "audit").text
        for action in ("user.add", "kiosk.add", "event.create", "event.cancel"):
            check(action in audit, "audit log has " + action)
        shot("audit")
        drv.get(base + "/admin/kiosks")
        cells = [e.text for e in drv.find_elements(By.CSS_SELECTOR, "#kiosks td.waiting")]
        check(cells == ["0"], "the kiosk's records waiting listed: %r" % cells)
        shot("kiosks")
        drv.get(base + "/admin/figures")
        rows = drv.find_elements(By.CSS_SELECTOR, "#figures tbody tr")
        check(len(rows) >= 2, "figures: a row per station")
        shot("figures")
        logout()
        # The public page the kiosk's attract QR opens: no sign-in, no script, no names.
        drv.get(base + "/")
        body = drv.find_element(By.TAG_NAME, "body").text
        check("滨江党建群团服务站" in body and "世博会博物馆" in body, "the public page's content")
        check(len(drv.find_elements(By.TAG_NAME, "script")) == 0, "no script on the public page")
        check(TITLE in body and "活动已取消" in body, "the cancelled event, its title as text")
        shot("public")
        drv.get(base + "/s/binjiang")
        shot("public-station")
        log.flush()
        text = open(os.path.join(tmp, "hub.log")).read()
        for secret in (ADMIN_PW, STAFF_PW, sid, code, code.replace("-", "")):
            check(secret not in text, "a secret in the hub's log")
    finally:
        if drv:
            drv.quit()
        if hub:
            hub.send_signal(signal.SIGTERM)
            hub.wait(timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
