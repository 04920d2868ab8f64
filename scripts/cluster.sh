#!/usr/bin/env bash
# The production layout on one machine's loopback, all local processes:
#   PostgreSQL (its own cluster) · Redis (cache, sessions, rate limits)
#   · N gunicorn app servers · one task worker (manage.py db_worker)
#   · nginx in front, retrying a GET on the next app server when one fails.
#
#   scripts/cluster.sh [start]   bring it up (migrates, collects static files)
#   scripts/cluster.sh demo      load (or repair) the demo county into it; prints the logins
#   scripts/cluster.sh stop      stop everything it started
#   scripts/cluster.sh status    which of its processes run
#
# Everything lives in the run directory (pid files, logs, the generated
# nginx.conf, Redis's and PostgreSQL's data, the shared media directory).
# Settings, all optional (defaults in brackets):
#   CLUSTER_DIR          run directory [var/cluster]
#   CLUSTER_HTTP_PORT    nginx [8080]
#   CLUSTER_APP_PORTS    one app server per port ["8081 8082"]
#   CLUSTER_REDIS_PORT   Redis [6380]
#   CLUSTER_PG_PORT      PostgreSQL [5433]
#   CLUSTER_DATABASE_URL an existing PostgreSQL database: no cluster is started
#   CLUSTER_WEB_CONCURRENCY  gunicorn workers per app server [2]
#   CLUSTER_TASK_WORKERS     task worker processes [1]
# docs/deployment.md explains the layout and what changes on real machines.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

DIR="$(mkdir -p "${CLUSTER_DIR:-var/cluster}" && cd "${CLUSTER_DIR:-var/cluster}" && pwd)"
HTTP_PORT="${CLUSTER_HTTP_PORT:-8080}"
read -r -a APP_PORTS <<<"${CLUSTER_APP_PORTS:-8081 8082}"
REDIS_PORT="${CLUSTER_REDIS_PORT:-6380}"
PG_PORT="${CLUSTER_PG_PORT:-5433}"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
PYTHON="$ROOT/.venv/bin/python"

AS_PG=()
PG_DATA="$DIR/pg"
if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses root; the postgres user may not reach a run directory
    # under /root, so its data directory is kept in /tmp.
    AS_PG=(runuser -u postgres --)
    PG_DATA="/tmp/portal-cluster-pg-$PG_PORT"
fi

say() { echo "==> $*"; }

# The environment every portal process of the layout shares.
portal_env() {
    local secret_file="$DIR/secret_key"
    [ -s "$secret_file" ] || "$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$secret_file"
    export DJANGO_SETTINGS_MODULE=portal.settings.production
    export SECRET_KEY="$(cat "$secret_file")"
    export ALLOWED_HOSTS="127.0.0.1,localhost"
    export CSRF_TRUSTED_ORIGINS="http://127.0.0.1:$HTTP_PORT,http://localhost:$HTTP_PORT"
    # Plain HTTP on loopback; a real deployment terminates TLS in nginx.
    export SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0
    export CACHE_URL="redis://127.0.0.1:$REDIS_PORT/0"
    export TASKS_BACKEND=database
    export MEDIA_ROOT="$DIR/media" STATIC_ROOT="$DIR/static"
    export PRINT_CACHE_DIR="$DIR/print-cache"
    export WAGTAILADMIN_BASE_URL="http://127.0.0.1:$HTTP_PORT"
    export PORTAL_PUBLIC_URL="${PORTAL_PUBLIC_URL:-http://127.0.0.1:$HTTP_PORT}"
    if [ -n "${CLUSTER_DATABASE_URL:-}" ]; then
        export DATABASE_URL="$CLUSTER_DATABASE_URL"
    else
        export DATABASE_URL="postgres://portal@127.0.0.1:$PG_PORT/portal"
    fi
}

running() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Until `url` answers HTTP at all (any status), or fail after `seconds`.
wait_http() {
    local url="$1" seconds="$2" log="$3" start=$SECONDS
    until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url")" != "000" ]; do
        if ((SECONDS - start > seconds)); then
            echo "no answer from $url after $seconds s; the end of $log:" >&2
            tail -n 40 "$log" >&2 || true
            return 1
        fi
        sleep 0.3
    done
}

# A process in its own session (so that stop, or a test, ends its whole group).
spawn() {
    local name="$1"
    shift
    setsid "$@" >>"$DIR/logs/$name.log" 2>&1 </dev/null &
    echo $! >"$DIR/$name.pid"
}

start_postgresql() {
    if [ -n "${CLUSTER_DATABASE_URL:-}" ]; then
        say "PostgreSQL: using $CLUSTER_DATABASE_URL"
        return
    fi
    if [ -z "$PG_BIN" ]; then
        echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2
        exit 1
    fi
    if [ ! -s "$PG_DATA/PG_VERSION" ]; then
        say "PostgreSQL: a new cluster in $PG_DATA"
        mkdir -p "$PG_DATA"
        [ ${#AS_PG[@]} -eq 0 ] || chown postgres:postgres "$PG_DATA"
        "${AS_PG[@]}" "$PG_BIN/initdb" -D "$PG_DATA" -U portal -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
        say "PostgreSQL on 127.0.0.1:$PG_PORT"
        "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w \
            -o "-h 127.0.0.1 -p $PG_PORT -k $PG_DATA" start >/dev/null
    fi
    "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U portal -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'portal'" | grep -q 1 \
        || "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U portal portal
}

start_redis() {
    running "$DIR/redis.pid" && return
    say "Redis on 127.0.0.1:$REDIS_PORT"
    mkdir -p "$DIR/redis"
    # A cache: nothing is written to disk, and the oldest keys go when it is full.
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$DIR/redis" \
        --daemonize yes --pidfile "$DIR/redis.pid" --logfile "$DIR/logs/redis.log" \
        --save "" --appendonly no --maxmemory 256mb --maxmemory-policy allkeys-lru
    until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done
}

prepare_portal() {
    say "migrate, collectstatic"
    # Side by side: collecting static files needs no database.
    "$PYTHON" manage.py collectstatic --no-input -v0 >"$DIR/logs/collectstatic.log" 2>&1 &
    local collecting=$!
    "$PYTHON" manage.py migrate --no-input -v0
    wait "$collecting" || { cat "$DIR/logs/collectstatic.log" >&2; return 1; }
    mkdir -p "$MEDIA_ROOT" "$PRINT_CACHE_DIR"
}

start_app_servers() {
    local number=0 port
    for port in "${APP_PORTS[@]}"; do
        number=$((number + 1))
        running "$DIR/app-$number.pid" && continue
        say "app server $number on 127.0.0.1:$port"
        WEB_CONCURRENCY="${CLUSTER_WEB_CONCURRENCY:-2}" spawn "app-$number" \
            "$ROOT/.venv/bin/gunicorn" --config portal/gunicorn.conf.py \
            --bind "127.0.0.1:$port" portal.wsgi:application
    done
    number=0
    for port in "${APP_PORTS[@]}"; do
        number=$((number + 1))
        wait_http "http://127.0.0.1:$port/" 120 "$DIR/logs/app-$number.log"
    done
}

start_task_workers() {
    local number
    for number in $(seq 1 "${CLUSTER_TASK_WORKERS:-1}"); do
        running "$DIR/worker-$number.pid" && continue
        say "task worker $number"
        spawn "worker-$number" "$PYTHON" manage.py db_worker --interval 0.25 --worker-id "worker-$number"
    done
}

start_nginx() {
    running "$DIR/nginx.pid" && return
    say "nginx on 127.0.0.1:$HTTP_PORT"
    mkdir -p "$DIR/nginx"
    local upstream="" port
    for port in "${APP_PORTS[@]}"; do
        upstream+="        server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'
    done
    # Run by root (CI), the workers read the run directory, which may be private.
    local user_directive=""
    [ "$(id -u)" -eq 0 ] && user_directive="user root;"
    RUN_DIR="$DIR" HTTP_PORT="$HTTP_PORT" UPSTREAM_SERVERS="$upstream" \
        USER_DIRECTIVE="$user_directive" \
        envsubst '${RUN_DIR} ${HTTP_PORT} ${UPSTREAM_SERVERS} ${USER_DIRECTIVE} ${STATIC_ROOT} ${MEDIA_ROOT}' \
        <scripts/cluster/nginx.conf.template >"$DIR/nginx.conf"
    # -e: the error log before the configuration is read (not /var/log/nginx).
    nginx -e "$DIR/logs/nginx-error.log" -p "$DIR" -c "$DIR/nginx.conf" -t -q
    nginx -e "$DIR/logs/nginx-error.log" -p "$DIR" -c "$DIR/nginx.conf"
    wait_http "http://127.0.0.1:$HTTP_PORT/" 10 "$DIR/logs/nginx-error.log"
}

# Stop the process (group) in a pid file: TERM, then KILL after `grace` seconds.
stop_pidfile() {
    local file="$1" grace="${2:-10}" pid
    [ -s "$file" ] || return 0
    pid="$(cat "$file")"
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 $((grace * 10))); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
}

stop() {
    local file
    [ -s "$DIR/nginx.pid" ] && say "stopping nginx"
    if running "$DIR/nginx.pid"; then
        nginx -e "$DIR/logs/nginx-error.log" -p "$DIR" -c "$DIR/nginx.conf" -s quit 2>/dev/null || true
        for _ in $(seq 1 50); do running "$DIR/nginx.pid" || break; sleep 0.1; done
    fi
    stop_pidfile "$DIR/nginx.pid" 5
    # The app servers and workers finish their requests and tasks side by side.
    for file in "$DIR"/worker-*.pid "$DIR"/app-*.pid; do
        [ -e "$file" ] || continue
        say "stopping $(basename "$file" .pid)"
        stop_pidfile "$file" 15 &
    done
    wait
    if running "$DIR/redis.pid"; then
        say "stopping Redis"
        # Nothing to save: it is a cache. (A TERM makes it wait for a save anyway.)
        redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
        stop_pidfile "$DIR/redis.pid" 5
    fi
    if [ -z "${CLUSTER_DATABASE_URL:-}" ] && [ -s "$PG_DATA/PG_VERSION" ] \
        && "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
        say "stopping PostgreSQL"
        "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
    fi
}

status() {
    local file
    for file in "$DIR"/*.pid; do
        [ -e "$file" ] || continue
        if running "$file"; then
            echo "$(basename "$file" .pid): running (pid $(cat "$file"))"
        else
            echo "$(basename "$file" .pid): not running"
        fi
    done
}

case "${1:-start}" in
    start)
        mkdir -p "$DIR/logs"
        portal_env
        # A failure half-way leaves nothing running behind.
        set -E
        trap 'echo "start failed: stopping what was started" >&2; stop' ERR
        start_postgresql
        start_redis
        prepare_portal
        start_app_servers
        start_task_workers
        start_nginx
        trap - ERR
        say "the portal is at http://127.0.0.1:$HTTP_PORT/ (logs in $DIR/logs)"
        say "demo county: scripts/cluster.sh demo · stop: scripts/cluster.sh stop"
        ;;
    demo)
        # Through the layout's own settings: its database, media directory and cache.
        portal_env
        "$PYTHON" manage.py load_demo
        ;;
    stop) stop ;;
    status) status ;;
    *)
        echo "usage: $0 [start|demo|stop|status]" >&2
        exit 2
        ;;
esac
