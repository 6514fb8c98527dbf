/* bare_xml.c -- the export benchmark's ceiling: the complaints-ledger
 * query (the very same SQL, prepared and unbuffered) written row by row
 * with a bare libxml2 text writer to a file (/dev/null), no FastCGI, no
 * grouping.  Prints "rows seconds rows/s".
 *
 *   bare_xml SOCKET USER PASSWORD DB DEPT_PATH FROM TO OUTFILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <mysql.h>
#include <libxml/xmlwriter.h>
#include "../../plugins/complaints/ledger_sql.h"

#define NCOLS 31
#define COLMAX 70000

int main(int argc, char **argv)
{
    MYSQL *db;
    MYSQL_STMT *st;
    MYSQL_BIND par[15], res[NCOLS];
    static char bufs[NCOLS][COLMAX];
    unsigned long lens[NCOLS], plen[3];
    my_bool nul[NCOLS];
    xmlTextWriterPtr w;
    struct timespec t0, t1;
    long long rows = 0;
    double secs;

    if (argc != 9)
        return 2;
    db = mysql_init(NULL);
    mysql_optionsv(db, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    if (!mysql_real_connect(db, NULL, argv[2], argv[3], argv[4], 0, argv[1], 0)) {
        fprintf(stderr, "%s\n", mysql_error(db));
        return 1;
    }
    st = mysql_stmt_init(db);
    if (mysql_stmt_prepare(st, ledger_sql, strlen(ledger_sql)) != 0) {
        fprintf(stderr, "%s\n", mysql_stmt_error(st));
        return 1;
    }
    memset(par, 0, sizeof par);
    for (int i = 0; i < 3; i++)
        plen[i] = strlen(argv[5 + i]);
    for (int i = 0; i < 15; i++) {
        par[i].buffer_type = MYSQL_TYPE_STRING;
        par[i].buffer = argv[5 + i % 3];
        par[i].length = &plen[i % 3];
    }
    memset(res, 0, sizeof res);
    for (int i = 0; i < NCOLS; i++) {
        res[i].buffer_type = MYSQL_TYPE_STRING;
        res[i].buffer = bufs[i];
        res[i].buffer_length = COLMAX;
        res[i].length = &lens[i];
        res[i].is_null = &nul[i];
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (mysql_stmt_bind_param(st, par) || mysql_stmt_execute(st) || mysql_stmt_bind_result(st, res)) {
        fprintf(stderr, "%s\n", mysql_stmt_error(st));
        return 1;
    }
    w = xmlNewTextWriterFilename(argv[8], 0);
    xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
    xmlTextWriterStartElement(w, BAD_CAST "rows");
    while (mysql_stmt_fetch(st) == 0) {
        xmlTextWriterStartElement(w, BAD_CAST "row");
        for (int i = 0; i < NCOLS; i++) {
            char name[8];
            if (nul[i])
                continue;
            bufs[i][lens[i] < COLMAX ? lens[i] : COLMAX - 1] = '\0';
            snprintf(name, sizeof name, "v%d", i);
            xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST bufs[i]);
        }
        xmlTextWriterEndElement(w);
        rows++;
    }
    xmlTextWriterEndDocument(w);
    xmlFreeTextWriter(w);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("%lld %.3f %.0f\n", rows, secs, rows / secs);
    mysql_stmt_close(st);
    mysql_close(db);
    return 0;
}
