/* kf_clearsilver.h -- the one place ClearSilver's headers are included.
 *
 * ClearSilver's cs_config.h defines PACKAGE_NAME, PACKAGE_VERSION and the
 * other autoconf macros, which clash with our own config.h: bracket it so
 * our definitions survive.  Compile with -I/usr/include/ClearSilver.
 */
#ifndef KF_CLEARSILVER_H
#define KF_CLEARSILVER_H

#pragma push_macro("PACKAGE")
#pragma push_macro("PACKAGE_NAME")
#pragma push_macro("PACKAGE_VERSION")
#pragma push_macro("PACKAGE_STRING")
#pragma push_macro("PACKAGE_TARNAME")
#pragma push_macro("PACKAGE_BUGREPORT")
#pragma push_macro("PACKAGE_URL")
#pragma push_macro("VERSION")
#undef PACKAGE
#undef PACKAGE_NAME
#undef PACKAGE_VERSION
#undef PACKAGE_STRING
#undef PACKAGE_TARNAME
#undef PACKAGE_BUGREPORT
#undef PACKAGE_URL
#undef VERSION
#include <ClearSilver.h>
#undef PACKAGE
#undef PACKAGE_NAME
#undef PACKAGE_VERSION
#undef PACKAGE_STRING
#undef PACKAGE_TARNAME
#undef PACKAGE_BUGREPORT
#undef PACKAGE_URL
#undef VERSION
#pragma pop_macro("PACKAGE")
#pragma pop_macro("PACKAGE_NAME")
#pragma pop_macro("PACKAGE_VERSION")
#pragma pop_macro("PACKAGE_STRING")
#pragma pop_macro("PACKAGE_TARNAME")
#pragma pop_macro("PACKAGE_BUGREPORT")
#pragma pop_macro("PACKAGE_URL")
#pragma pop_macro("VERSION")

#endif
