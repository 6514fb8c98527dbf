# stack.sh -- start and stop a private Kefu stack (MariaDB, kefu.fcgi,
# nginx) under one directory.  Sourced by dev.sh; every server listens on
# loopback or a unix socket inside $INST and is stopped by stack_down.
#
#   stack_up INST PORT BUILD [TESTPLUGINS]   INST is var/dev or var/test
#   stack_down INST

ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}

_run_as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# The Debian packages the stack needs; installs only what is missing.
stack_deps() {
    local pkgs="build-essential autoconf automake libtool pkg-config clearsilver-dev
        libfcgi-dev libmariadb-dev mariadb-server mariadb-client nginx-light check
        libxml2-dev libxml2-utils libgnutls28-dev libjemalloc-dev libcrypt-dev zlib1g-dev curl nodejs npm chromium wrk time"
    local missing=""
    for p in $pkgs; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
    done
    # nodejs from another source (nodesource) also ships npm
    if command -v node >/dev/null && command -v npm >/dev/null; then
        missing=$(echo "$missing" | tr ' ' '\n' | grep -vx -e nodejs -e npm | tr '\n' ' ')
    fi
    missing=$(echo $missing)
    [ -z "$missing" ] && return 0
    echo "installing:$missing"
    _run_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    _run_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null
    # the system services are not used: we start private servers
    _run_as_root systemctl disable --now mariadb nginx >/dev/null 2>&1 || true
}

# Builds into $1 (build or build-asan) with extra CFLAGS $2.
stack_build() {
    local dir=$1 flags=$2
    [ -f "$ROOT/configure" ] && [ "$ROOT/configure" -nt "$ROOT/configure.ac" ] || (cd "$ROOT" && ./autogen.sh)
    # a template, language file or migration added since: relist the data
    (cd "$ROOT" && ./autogen.sh --data-only)
    mkdir -p "$ROOT/$dir"
    if [ ! -f "$ROOT/$dir/Makefile" ]; then
        (cd "$ROOT/$dir" && "$ROOT/configure" -q --prefix=/usr/local --sysconfdir=/etc \
            CFLAGS="-O2 -g $flags" LDFLAGS="$flags" KF_EXTRA_CFLAGS="-Werror") || return 1
    fi
    make -s -C "$ROOT/$dir" -j"$(nproc)" all >/dev/null || make -C "$ROOT/$dir" all
}

_mariadb() { mariadb --no-defaults --socket="$INST/mysql.sock" -uroot "$@"; }

_start_mariadb() {
    mkdir -p "$INST"
    if [ ! -d "$INST/db/mysql" ]; then
        mariadb-install-db --no-defaults --datadir="$INST/db" --auth-root-authentication-method=normal \
            --skip-test-db >"$INST/mariadb-install.log" 2>&1 || { cat "$INST/mariadb-install.log"; return 1; }
    fi
    local as_root=""
    [ "$(id -u)" = 0 ] && as_root="--user=root"
    if [ -S "$INST/mysql.sock" ] && _mariadb -e "SELECT 1" >/dev/null 2>&1; then return 0; fi
    # The adaptive hash index (off by default since 10.5) turns the list
    # pages' repeated B-tree descents into hash probes: a filtered
    # department list reads its 50 rows through a filter's index, one
    # primary-key descent each, and spends an eighth less of the server's
    # time with it (docs/BENCHMARKS.md, round 4).
    mariadbd --no-defaults $as_root --datadir="$INST/db" --socket="$INST/mysql.sock" \
        --skip-networking --pid-file="$INST/mariadb.pid" --log-error="$INST/mariadb.log" \
        --innodb-buffer-pool-size=256M --innodb-flush-log-at-trx-commit=2 \
        --innodb-adaptive-hash-index=ON \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci </dev/null >/dev/null 2>&1 &
    for _ in $(seq 1 100); do
        _mariadb -e "SELECT 1" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "mariadb did not start; see $INST/mariadb.log"; return 1
}

# Creates the database, the application user and the config file.
_configure() {
    local port=$1 build=$2 testplugins=$3
    [ -f "$INST/db-password" ] || head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$INST/db-password"
    local pw; pw=$(cat "$INST/db-password")
    _mariadb -e "CREATE DATABASE IF NOT EXISTS kefu CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
        CREATE USER IF NOT EXISTS 'kefu_app'@'localhost' IDENTIFIED BY '$pw';"
    # plugins, templates and language files of this instance: links into the tree
    rm -rf "$INST/plugins" "$INST/lang" "$INST/templates"
    mkdir -p "$INST/plugins" "$INST/lang" "$INST/templates" "$INST/upload"
    for so in "$ROOT/$build"/plugins/.libs/*.so; do [ -e "$so" ] && ln -s "$so" "$INST/plugins/"; done
    for f in "$ROOT"/templates/*; do ln -s "$f" "$INST/templates/"; done
    for f in "$ROOT"/lang/*.hdf; do ln -s "$f" "$INST/lang/"; done
    if [ -n "$testplugins" ]; then
        for so in "$ROOT/$build"/tests/plugins/.libs/*.so; do ln -s "$so" "$INST/plugins/"; done
        ln -s "$ROOT/docs/examples/hello/templates/hello" "$INST/templates/hello"
        for f in "$ROOT"/docs/examples/hello/lang/*.hdf; do ln -s "$f" "$INST/lang/"; done
    fi
    sed -e "s|@INST@|$INST|g" -e "s|@ROOT@|$ROOT|g" "$ROOT/etc/kefu.hdf.dev" > "$INST/kefu.hdf"
}

_start_kefu() {
    local build=$1
    "$ROOT/$build/cgi-bin/kefuctl" -c "$INST/kefu.hdf" migrate >"$INST/migrate.log" 2>&1 \
        || { cat "$INST/migrate.log"; return 1; }
    if [ "$(_mariadb -N kefu -e 'SELECT COUNT(*) FROM departments')" = 0 ]; then
        for f in "$ROOT"/sql/demo/*.sql; do _mariadb kefu < "$f" || return 1; done
    fi
    # a rebuilt binary needs a new master (SIGHUP only re-reads the config)
    _stop_pidfile "$INST/kefu.pid"
    "$ROOT/$build/cgi-bin/kefu.fcgi" -c "$INST/kefu.hdf" </dev/null >/dev/null 2>>"$INST/kefu.log" &
    echo $! > "$INST/kefu.pid"
    for _ in $(seq 1 100); do [ -S "$INST/kefu.sock" ] && return 0; sleep 0.1; done
    echo "kefu.fcgi did not start; see $INST/kefu.log"; return 1
}

_start_nginx() {
    local port=$1
    mkdir -p "$INST/nginx"
    sed -e "s|@INST@|$INST|g" -e "s|@ROOT@|$ROOT|g" -e "s|@PORT@|$port|g" \
        "$ROOT/etc/nginx-dev.conf" > "$INST/nginx.conf"
    if [ -f "$INST/nginx.pid" ] && kill -0 "$(cat "$INST/nginx.pid")" 2>/dev/null; then
        nginx -p "$INST/nginx" -c "$INST/nginx.conf" -s reload 2>/dev/null; return 0
    fi
    nginx -p "$INST/nginx" -c "$INST/nginx.conf" -e "$INST/nginx-error.log" || return 1
    for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && return 0; sleep 0.1; done
    echo "nginx did not answer on $port"; return 1
}

stack_up() {
    INST=$1; local port=$2 build=$3 testplugins=${4:-}
    chmod 755 "$ROOT" 2>/dev/null || true
    _start_mariadb && _configure "$port" "$build" "$testplugins" && _start_kefu "$build" && _start_nginx "$port"
}

_stop_pidfile() {
    local f=$1
    [ -f "$f" ] || return 0
    local pid; pid=$(cat "$f" 2>/dev/null)
    [ -n "$pid" ] || { rm -f "$f"; return 0; }
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$f"
}

stack_down() {
    INST=$1
    [ -f "$INST/nginx.pid" ] && nginx -p "$INST/nginx" -c "$INST/nginx.conf" -s quit 2>/dev/null
    _stop_pidfile "$INST/nginx/nginx.pid"
    _stop_pidfile "$INST/nginx.pid"
    _stop_pidfile "$INST/kefu.pid"
    _stop_pidfile "$INST/mariadb.pid"
    # whatever outlived its pid file (a crashed run): its command line names $INST
    pkill -TERM -f -- "$INST/" 2>/dev/null && sleep 1 && pkill -KILL -f -- "$INST/" 2>/dev/null
    return 0
}
