#!/bin/sh
# autogen.sh -- list the data files for automake, then autoreconf.
# Run from the top of the tree after adding a template, language file,
# static file or migration.
set -e
cd "$(dirname "$0")"
{
  echo "# written by autogen.sh: the data files installed under pkgdatadir"
  printf 'nobase_dist_pkgdata_DATA ='
  find templates static lang sql -type f \( -name '*.cs' -o -name '*.css' -o -name '*.js' \
      -o -name '*.svg' -o -name '*.xsd' -o -name '*.hdf' -o -name '*.sql' -o -name '*.png' \) \
      | LC_ALL=C sort | while read -r f; do printf ' \\\n\t%s' "$f"; done
  echo
} > data.am
mkdir -p m4 build-aux
autoreconf -fi >/dev/null 2>&1 || autoreconf -fi
