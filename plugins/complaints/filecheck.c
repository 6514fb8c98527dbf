/* filecheck.c -- evidence type sniffing and file name cleaning
 * (see evidence.h).  Pure: no database, no ClearSilver; linked into the
 * unit tests. */
#include <string.h>
#include "evidence.h"

const char *cp_sniff(const unsigned char *b, size_t n)
{
    if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        return "image/jpeg";
    if (n >= 4 && memcmp(b, "\x89PNG", 4) == 0)
        return "image/png";
    if (n >= 4 && memcmp(b, "GIF8", 4) == 0)
        return "image/gif";
    if (n >= 5 && memcmp(b, "%PDF-", 5) == 0)
        return "application/pdf";
    if (n >= 3 && memcmp(b, "ID3", 3) == 0)
        return "audio/mpeg";
    if (n >= 2 && b[0] == 0xFF && b[1] == 0xFB)
        return "audio/mpeg";
    if (n >= 12 && memcmp(b, "RIFF", 4) == 0 && memcmp(b + 8, "WAVE", 4) == 0)
        return "audio/wav";
    if (n >= 8 && memcmp(b + 4, "ftyp", 4) == 0)
        return "video/mp4";
    if (n >= 4 && b[0] == 0x1A && b[1] == 0x45 && b[2] == 0xDF && b[3] == 0xA3)
        return "video/webm";
    return NULL;
}

/* length of the valid UTF-8 sequence at s (1..4), 0 when invalid */
static size_t utf8_len(const unsigned char *s)
{
    size_t n;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        n = 2;
    else if ((s[0] & 0xF0) == 0xE0)
        n = 3;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        n = 4;
    else
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if (n == 3 && ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0)))
        return 0;   /* overlong or surrogate */
    if (n == 4 && ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90)))
        return 0;
    return n;
}

void cp_filename_clean(const char *in, char out[CP_FILENAME_MAX + 1])
{
    const unsigned char *s;
    size_t o = 0;

    if (in == NULL)
        in = "";
    /* the last component of a path a browser might send */
    for (const char *p = in; *p; p++)
        if (*p == '/' || *p == '\\')
            in = p + 1;
    s = (const unsigned char *)in;
    while (*s) {
        size_t n = utf8_len(s);
        if (n == 0) {             /* an invalid byte becomes '_' */
            n = 1;
            if (o + 1 > CP_FILENAME_MAX)
                break;
            out[o++] = '_';
        } else if (n == 1 && (*s < 0x20 || *s == 0x7F || *s == '"' || *s == '\'' ||
                              *s == '<' || *s == '>' || *s == ';')) {
            if (o + 1 > CP_FILENAME_MAX)
                break;
            out[o++] = '_';
        } else {
            if (o + n > CP_FILENAME_MAX)
                break;
            memcpy(out + o, s, n);
            o += n;
        }
        s += n;
    }
    out[o] = '\0';
    /* no leading dots or spaces (hidden files, "..") */
    {
        size_t lead = strspn(out, ". ");
        if (lead)
            memmove(out, out + lead, o - lead + 1);
    }
    if (out[0] == '\0')
        strcpy(out, "attachment");
}

void cp_filename_ascii(const char *in, char out[CP_FILENAME_MAX + 1])
{
    size_t o = 0;
    for (const unsigned char *s = (const unsigned char *)in; *s && o < CP_FILENAME_MAX; s++) {
        if (*s >= 0x80) {
            /* one '_' per character, not per byte */
            if ((*s & 0xC0) != 0x80)
                out[o++] = '_';
        } else {
            out[o++] = (*s < 0x20 || *s == '"' || *s == '\\' || *s == 0x7F) ? '_' : (char)*s;
        }
    }
    out[o] = '\0';
}
