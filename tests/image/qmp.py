#!/usr/bin/env python3
"""Drives a QEMU VM from outside through its QMP socket (the boot test of the image).

    qmp.py SOCKET screendump FILE.ppm     the virtio-gpu scanout, as PPM
    qmp.py SOCKET click X Y W H           a virtio-tablet click at pixel X,Y of a WxH screen
    qmp.py SOCKET powerdown               ACPI power button (a clean shutdown)
    qmp.py SOCKET quit                    stop QEMU at once (a power cut)
    qmp.py SHELLSOCK sh COMMAND           run COMMAND in the test's guest shell (a
                                          virtconsole socket), print its output, exit
                                          with its status
"""
import json
import socket
import sys
import time


def command(sock_path, execute, arguments=None):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(60)
    s.connect(sock_path)
    f = s.makefile("rw")

    def call(cmd, args=None):
        msg = {"execute": cmd}
        if args is not None:
            msg["arguments"] = args
        f.write(json.dumps(msg) + "\n")
        f.flush()
        while True:
            line = f.readline()
            if not line:
                return None  # QEMU went away (quit)
            reply = json.loads(line)
            if "error" in reply:
                raise SystemExit("qmp %s: %s" % (cmd, reply["error"]))
            if "return" in reply:
                return reply["return"]

    json.loads(f.readline())  # greeting
    call("qmp_capabilities")
    result = call(execute, arguments)
    s.close()
    return result


def abs_event(axis, value):
    return {"type": "abs", "data": {"axis": axis, "value": value}}


def btn_event(down):
    return {"type": "btn", "data": {"down": down, "button": "left"}}


def guest_shell(sock_path, cmd):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(120)
    s.connect(sock_path)
    mark = "__yk_done_%d__" % time.monotonic_ns()
    s.sendall(("%s; echo %s $?\n" % (cmd, mark)).encode())
    buf = b""
    while True:
        chunk = s.recv(4096)
        if not chunk:
            raise SystemExit("guest shell closed")
        buf += chunk
        text = buf.decode("utf-8", "replace").replace("\r", "")
        # The guest's console is set raw without echo, but a shell that was not ready yet
        # may echo the command line back: drop that line, keep the output before the mark.
        lines = [l for l in text.split("\n") if l.startswith(mark + " ")]
        if lines:
            out = text[: text.rfind("\n" + mark + " ") + 1] if ("\n" + mark + " ") in text else ""
            sent = cmd + "; echo " + mark + " $?\n"
            if out.startswith(sent):
                out = out[len(sent):]
            sys.stdout.write(out)
            s.close()
            return int(lines[-1].split()[1])


def main():
    sock, what = sys.argv[1], sys.argv[2]
    if what == "sh":
        sys.exit(guest_shell(sock, sys.argv[3]))
    if what == "screendump":
        command(sock, "screendump", {"filename": sys.argv[3]})
    elif what == "click":
        x, y, w, h = (int(v) for v in sys.argv[3:7])
        # QEMU's tablet axes run 0..32767 over the whole screen: the centre of the pixel.
        ax, ay = (2 * x + 1) * 32768 // (2 * w), (2 * y + 1) * 32768 // (2 * h)
        command(sock, "input-send-event", {"events": [abs_event("x", ax), abs_event("y", ay)]})
        time.sleep(0.2)
        command(sock, "input-send-event", {"events": [btn_event(True)]})
        time.sleep(0.2)
        command(sock, "input-send-event", {"events": [btn_event(False)]})
    elif what == "powerdown":
        command(sock, "system_powerdown")
    elif what == "quit":
        command(sock, "quit")
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
