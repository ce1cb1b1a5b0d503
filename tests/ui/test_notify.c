/* The kiosk under a pretend systemd: READY=1 after the first frame and WATCHDOG=1 pings at
 * half of WATCHDOG_USEC from the real event loop. Usage: test_notify KIOSK */
#include "check.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_notify KIOSK\n");
        return 2;
    }
    char dir[] = "/tmp/yk-notify-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char sock[200], data[220];
    snprintf(sock, sizeof sock, "%s/notify", dir);
    snprintf(data, sizeof data, "%s/data", dir);
    int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    CHECK(strlen(sock) < sizeof addr.sun_path);
    memcpy(addr.sun_path, sock, strlen(sock) + 1);
    CHECK(bind(fd, (struct sockaddr *)&addr, sizeof addr) == 0);
    struct timeval tv = {.tv_sec = 10};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);

    pid_t pid = fork();
    if (pid == 0) {
        char wpid[32];
        snprintf(wpid, sizeof wpid, "%d", (int)getpid());
        setenv("NOTIFY_SOCKET", sock, 1);
        setenv("WATCHDOG_USEC", "200000", 1); /* pings every 100 ms */
        setenv("WATCHDOG_PID", wpid, 1);
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        setenv("YK_LOG", "quiet", 1);
        execl(argv[1], argv[1], "--window", "800x480", "--data-dir", data, "--bench",
              "--bench-idle", "2", (char *)NULL);
        _exit(127);
    }
    int ready = 0, pings = 0, stopping = 0, order_ok = 1;
    char buf[256];
    ssize_t n;
    while ((n = recv(fd, buf, sizeof buf - 1, 0)) > 0) {
        buf[n] = 0;
        if (strcmp(buf, "READY=1") == 0)
            ready++;
        else if (strcmp(buf, "WATCHDOG=1") == 0) {
            pings++;
            order_ok &= ready > 0;
        } else if (strcmp(buf, "STOPPING=1") == 0) {
            stopping++;
            break;
        }
    }
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK_EQ_INT(ready, 1);
    CHECK(order_ok);
    printf("watchdog pings in 2 s at a 200 ms watchdog: %d\n", pings);
    CHECK(pings >= 12 && pings <= 30);
    CHECK_EQ_INT(stopping, 1);
    close(fd);
    unlink(sock);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
    return yk_test_done();
}
