#!/bin/sh
# autogen.sh -- list the data files for automake, then autoreconf.
#   ./autogen.sh              list data files and regenerate configure
#   ./autogen.sh --data-only  only relist the data files (make reruns automake)
set -e
cd "$(dirname "$0")"
tmp=data.am.new
{
  echo "# written by autogen.sh: the data files installed under pkgdatadir"
  printf 'nobase_dist_pkgdata_DATA ='
  find templates static lang sql -type f \( -name '*.cs' -o -name '*.css' -o -name '*.js' \
      -o -name '*.svg' -o -name '*.xsd' -o -name '*.hdf' -o -name '*.sql' -o -name '*.png' \) \
      | LC_ALL=C sort | while read -r f; do printf ' \\\n\t%s' "$f"; done
  echo
} > "$tmp"
if cmp -s "$tmp" data.am; then rm -f "$tmp"; else mv "$tmp" data.am; fi
[ "${1:-}" = "--data-only" ] && exit 0
mkdir -p m4 build-aux
autoreconf -fi >/dev/null 2>&1 || autoreconf -fi
