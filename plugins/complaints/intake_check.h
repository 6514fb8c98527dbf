/* intake_check.h -- the intake form's validation, apart from the
 * database (fuzzed by tests/fuzz/fuzz_intake.c, unit-tested).
 *
 * Needs ClearSilver's HDF and workflow.c only.
 */
#ifndef KF_COMPLAINTS_INTAKE_CHECK_H
#define KF_COMPLAINTS_INTAKE_CHECK_H

#include <stdbool.h>
#include <time.h>
#include "kf_clearsilver.h"

/* Checks the form fields under Query.*: the five classifications, a
 * description, the received time, a customer number or a new
 * customer's name, each text valid UTF-8 within its length.  Returns
 * NULL when the form is acceptable, else the error key under
 * complaints.form_error ("classification", "description",
 * "received_at", "customer"). */
const char *cp_intake_check(HDF *hdf, time_t now);
/* "YYYY-MM-DDTHH:MM" or "YYYY-MM-DD HH:MM[:SS]" (UTC), not in the
 * future and not more than a year before now; empty or NULL means now.
 * out gets "YYYY-MM-DD HH:MM:SS". */
bool cp_parse_received(const char *s, time_t now, char out[20]);
/* whether s is valid UTF-8 of at most max bytes */
bool cp_text_ok(const char *s, size_t max);

#endif
