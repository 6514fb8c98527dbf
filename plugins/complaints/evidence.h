/* evidence.h -- checks on uploaded evidence (pure, unit-tested).
 *
 * The type of an attachment is decided by its first bytes only, never by
 * the client's Content-Type or file name: JPEG, PNG, GIF, PDF, MP3, WAV,
 * MP4 and WebM are accepted.  File names are cut to a safe UTF-8 string
 * for storage and to an ASCII one for the Content-Disposition header.
 */
#ifndef KF_COMPLAINTS_EVIDENCE_H
#define KF_COMPLAINTS_EVIDENCE_H

#include <stddef.h>

/* bytes cp_sniff needs to see at most */
#define CP_SNIFF_BYTES 16
/* the stored file name's limit in bytes */
#define CP_FILENAME_MAX 200

/* the MIME type of buf by its magic bytes, or NULL when not accepted */
const char *cp_sniff(const unsigned char *buf, size_t n);
/* in's last path component as valid UTF-8 without control characters,
 * quotes or backslashes, at most CP_FILENAME_MAX bytes (never cutting a
 * character); "attachment" when nothing is left.  out has room for
 * CP_FILENAME_MAX + 1 bytes. */
void cp_filename_clean(const char *in, char out[CP_FILENAME_MAX + 1]);
/* an ASCII-only copy of a cleaned name for filename="..." (others -> '_') */
void cp_filename_ascii(const char *in, char out[CP_FILENAME_MAX + 1]);

#endif
