/* The documented example plugin (docs/examples/hello), built here so that
 * every `make check` proves the example a newcomer copies still works. */
#include "../../docs/examples/hello/hello.c"
