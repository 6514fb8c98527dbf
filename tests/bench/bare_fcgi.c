/* bare_fcgi.c -- the benchmark ceiling: a libfcgi program that answers
 * the bytes of a file (a rendered page saved by the benchmark) with
 * nothing else, on the socket named by argv[1], with argv[3] workers. */
#include <fcgiapp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    static char body[1 << 20];
    size_t n;
    int fd, workers;
    FILE *f;

    if (argc != 4)
        return 2;
    f = fopen(argv[2], "rb");
    if (f == NULL)
        return 1;
    n = fread(body, 1, sizeof body, f);
    fclose(f);
    workers = atoi(argv[3]);
    FCGX_Init();
    fd = FCGX_OpenSocket(argv[1], 128);
    if (fd < 0)
        return 1;
    for (int i = 0; i < workers; i++) {
        if (fork() == 0) {
            FCGX_Request r;
            FCGX_InitRequest(&r, fd, 0);
            while (FCGX_Accept_r(&r) >= 0) {
                FCGX_FPrintF(r.out, "Status: 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n");
                FCGX_PutStr(body, (int)n, r.out);
                FCGX_Finish_r(&r);
            }
            _exit(0);
        }
    }
    while (wait(NULL) > 0)
        ;
    return 0;
}
