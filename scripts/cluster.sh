#!/usr/bin/env bash
# The replicated topology on one machine, on loopback ports: a pg_auto_failover monitor and two PostgreSQL 15 nodes
# (a primary and a synchronous standby, automatic failover), PgBouncer in transaction mode in front of the primary
# (re-pointed by a follower of the monitor when the primary changes), and two Reveal instances. Needs Debian's
# postgresql-15, postgresql-15-auto-failover and pgbouncer (`apt-get install -y postgresql-15-auto-failover pgbouncer`).
# pg_autoctl refuses to run as root, so as root the database processes run as the `postgres` user. For trying on one
# machine: every connection is on loopback with trust authentication and no TLS.
#
#   scripts/cluster.sh up          database nodes, PgBouncer, then two service instances (builds target/reveal.jar)
#   scripts/cluster.sh db-up       only the database nodes and PgBouncer (what the cluster tests start)
#   scripts/cluster.sh status      pg_autoctl's view of the nodes, PgBouncer, the instances
#   scripts/cluster.sh kill NODE   SIGKILL a node's whole pg_autoctl tree (a machine lost): node1 or node2
#   scripts/cluster.sh start NODE  start a killed node again; it rejoins as a standby
#   scripts/cluster.sh primary     the name of the current primary (node1 or node2)
#   scripts/cluster.sh follow      (started by db-up) keep PgBouncer in front of the current primary
#   scripts/cluster.sh down        stop everything and delete the cluster directory
#
# Settings (environment): REVEAL_CLUSTER_DIR (/tmp/reveal-cluster), REVEAL_CLUSTER_PORT (6009: the monitor; nodes
# on +1 and +2, PgBouncer on +3), REVEAL_CLUSTER_HTTP (8081: instances on it and +1).
set -euo pipefail

DIR=${REVEAL_CLUSTER_DIR:-/tmp/reveal-cluster}
BASE=${REVEAL_CLUSTER_PORT:-6009}
HTTP=${REVEAL_CLUSTER_HTTP:-8081}
MONITOR_PORT=$BASE
NODE1_PORT=$((BASE + 1))
NODE2_PORT=$((BASE + 2))
BOUNCER_PORT=$((BASE + 3))
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUN=$DIR/run
MONITOR_URI="postgres://autoctl_node@127.0.0.1:$MONITOR_PORT/pg_auto_failover?sslmode=disable"
# Both nodes: pgjdbc connects to whichever answers as the primary (or a standby) now.
JDBC_NODES="jdbc:postgresql://127.0.0.1:$NODE1_PORT,127.0.0.1:$NODE2_PORT/reveal?targetServerType=primary&hostRecheckSeconds=1&connectTimeout=2"
JDBC_STANDBY="jdbc:postgresql://127.0.0.1:$NODE1_PORT,127.0.0.1:$NODE2_PORT/reveal?targetServerType=preferSecondary&hostRecheckSeconds=1&connectTimeout=2"
# PgBouncer 1.18 keeps no prepared statements across transactions: pgjdbc must not name them (prepareThreshold=0).
JDBC_BOUNCER="jdbc:postgresql://127.0.0.1:$BOUNCER_PORT/reveal?prepareThreshold=0&connectTimeout=2"

if [ "$(id -u)" = 0 ]; then
    DBUSER=postgres
    as_db() { runuser -u postgres -- env "${XDG[@]}" "$@"; }
else
    DBUSER=$(id -un)
    as_db() { env "${XDG[@]}" "$@"; }
fi
# pg_autoctl keeps its configuration and state under XDG directories: give it its own.
XDG=(XDG_CONFIG_HOME="$DIR/xdg/config" XDG_DATA_HOME="$DIR/xdg/data" XDG_RUNTIME_DIR="$DIR/xdg/run"
     PGHOST="$RUN" PATH="$PGBIN:$PATH")

log() { echo "cluster: $*" >&2; }

need() {
    for tool in "$PGBIN/pg_ctl" /usr/bin/pg_autoctl pgbouncer; do
        command -v "$tool" >/dev/null 2>&1 || { log "missing $tool (apt-get install -y postgresql-15-auto-failover pgbouncer)"; exit 2; }
    done
}

# A data directory prepared before pg_autoctl sees it: its socket in $RUN (pg_autoctl does not pass one), a small
# shared_buffers (pg_autoctl would take a quarter of the machine's memory per server).
prepare() {
    local pgdata=$1
    as_db "$PGBIN/initdb" -D "$pgdata" -U "$DBUSER" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_db tee -a "$pgdata/postgresql.auto.conf" >/dev/null <<EOF
unix_socket_directories = '$RUN'
shared_buffers = '128MB'
max_connections = 200
timezone = 'UTC'
EOF
}

run_node() {
    local name=$1
    as_db setsid /usr/bin/pg_autoctl run --pgdata "$DIR/$name" >>"$DIR/$name.log" 2>&1 < /dev/null &
    echo $! > "$DIR/$name.pid"
}

await_state() {
    # waits until the formation shows one primary and one secondary
    for _ in $(seq 1 240); do
        local states
        states=$(as_db psql -At -h 127.0.0.1 -p "$MONITOR_PORT" -U autoctl_node -d pg_auto_failover \
            -c "SELECT string_agg(reportedstate::text || '/' || goalstate::text, ' ' ORDER BY nodeid) FROM pgautofailover.node" 2>/dev/null || true)
        if [[ " $states " == *" primary/primary "* && " $states " == *" secondary/secondary "* ]]; then
            log "formation: $states"
            return 0
        fi
        sleep 0.5
    done
    log "formation never reached primary + secondary: $states"
    return 1
}

create_node() {
    local name=$1 port=$2
    as_db /usr/bin/pg_autoctl create postgres --pgdata "$DIR/$name" --pgport "$port" --pghost "$RUN" \
        --pgctl "$PGBIN/pg_ctl" --hostname 127.0.0.1 --name "$name" --dbname reveal --username "$DBUSER" \
        --monitor "$MONITOR_URI" --auth trust --no-ssl >>"$DIR/$name.log" 2>&1
    # a short network partition timeout: a primary cut off from the monitor and the standby stops taking writes soon
    as_db /usr/bin/pg_autoctl config set --pgdata "$DIR/$name" timeout.network_partition_timeout 3 >/dev/null
    run_node "$name"
}

db_up() {
    need
    if [ -e "$DIR/monitor" ]; then
        log "$DIR already holds a cluster; run '$0 down' first"
        exit 1
    fi
    mkdir -p "$RUN" "$DIR/xdg/run"
    [ "$DBUSER" = postgres ] && chown -R postgres "$DIR"
    chmod 700 "$DIR/xdg"

    prepare "$DIR/monitor"
    as_db /usr/bin/pg_autoctl create monitor --pgdata "$DIR/monitor" --pgport "$MONITOR_PORT" --pgctl "$PGBIN/pg_ctl" \
        --hostname 127.0.0.1 --auth trust --no-ssl >>"$DIR/monitor.log" 2>&1
    # Failure detection in about 2 s instead of 20 s: the defaults make a failover last about a minute.
    as_db tee -a "$DIR/monitor/postgresql.auto.conf" >/dev/null <<EOF
pgautofailover.health_check_period = 1000
pgautofailover.health_check_timeout = 1000
pgautofailover.health_check_max_retries = 1
pgautofailover.health_check_retry_delay = 500
pgautofailover.node_considered_unhealthy_timeout = 2000
pgautofailover.primary_demote_timeout = 5000
EOF
    run_node monitor
    for _ in $(seq 1 120); do
        as_db psql -At -h 127.0.0.1 -p "$MONITOR_PORT" -U autoctl_node -d pg_auto_failover -c "SELECT 1" >/dev/null 2>&1 && break
        sleep 0.5
    done

    prepare "$DIR/node1"
    create_node node1 "$NODE1_PORT"
    for _ in $(seq 1 240); do
        as_db psql -At -h 127.0.0.1 -p "$NODE1_PORT" -U "$DBUSER" -d reveal -c "SELECT 1" >/dev/null 2>&1 && break
        sleep 0.5
    done
    create_node node2 "$NODE2_PORT"
    await_state
    bouncer_up
    log "primary and standby on 127.0.0.1:$NODE1_PORT,$NODE2_PORT; monitor on $MONITOR_PORT; PgBouncer on $BOUNCER_PORT"
    log "service URL: $JDBC_BOUNCER (listener: $JDBC_NODES; reads: $JDBC_STANDBY)"
}

# PgBouncer in transaction mode in front of the primary. After a failed connect it waits server_login_retry before the
# next one (and refuses clients meanwhile): 0.1 s, so the first connect after the follower's RELOAD is not held back
# by the last failure against the dead node (with 1 s it started up to 0.9 s late). PgBouncer 1.18 cannot find a
# primary itself (no target_session_attrs), and behind a PgBouncer per node pgjdbc's primary check fails: PgBouncer
# hands clients the server parameters it cached at its first login, so a node that was a standby once keeps saying
# in_hot_standby=on after its promotion. So one PgBouncer, and `follow` re-points it at the node the monitor names as
# primary.
bouncer_ini() {
    local node_port=$1
    as_db tee "$DIR/pgbouncer.ini.new" >/dev/null <<EOF
[databases]
reveal = host=127.0.0.1 port=$node_port dbname=reveal user=$DBUSER

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
auth_type = trust
auth_file = $DIR/userlist.txt
admin_users = $DBUSER
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 20
max_db_connections = 20
server_login_retry = 0.1
server_connect_timeout = 2
query_wait_timeout = 5
ignore_startup_parameters = extra_float_digits,options
logfile = $DIR/pgbouncer.log
pidfile = $DIR/pgbouncer.pid
EOF
    as_db mv "$DIR/pgbouncer.ini.new" "$DIR/pgbouncer.ini"
}

bouncer_up() {
    echo "\"$DBUSER\" \"\"" | as_db tee "$DIR/userlist.txt" >/dev/null
    bouncer_ini "$NODE1_PORT"
    as_db pgbouncer -d "$DIR/pgbouncer.ini"
    setsid "$0" follow >>"$DIR/follow.log" 2>&1 < /dev/null &
    echo $! > "$DIR/follow.pid"
}

# Every 100 ms: which node does the monitor say takes writes? When that changes, point PgBouncer at it (RELOAD
# closes the server connections to the old node as they are released).
follow() {
    local current=$NODE1_PORT now
    while [ -d "$DIR" ]; do
        now=$(as_db psql -At -h 127.0.0.1 -p "$MONITOR_PORT" -U autoctl_node -d pg_auto_failover -c \
            "SELECT nodeport FROM pgautofailover.node WHERE reportedstate IN ('primary','wait_primary','single')
               AND goalstate IN ('primary','wait_primary','single') ORDER BY nodeid LIMIT 1" 2>/dev/null || true)
        if [ -n "$now" ] && [ "$now" != "$current" ]; then
            bouncer_ini "$now"
            as_db psql -q -h 127.0.0.1 -p "$BOUNCER_PORT" -U "$DBUSER" -d pgbouncer -c "RELOAD" >/dev/null 2>&1 || true
            log "$(date -u +%T.%N | cut -c1-12) PgBouncer now in front of 127.0.0.1:$now"
            current=$now
        fi
        sleep 0.1
    done
}


descendants() {
    local p
    for p in $(ps -o pid= --ppid "$1" 2>/dev/null); do
        echo "$p"
        descendants "$p"
    done
}

# A machine lost: SIGKILL the node's whole pg_autoctl tree (pg_autoctl, its keeper, the postmaster and its backends).
# Killing only the postmaster makes pg_autoctl restart it in place, no failover.
kill_node() {
    local name=$1 top all
    top=$(cat "$DIR/$name.pid" 2>/dev/null || true)
    [ -n "$top" ] && kill -0 "$top" 2>/dev/null || { log "no pg_autoctl running for $name"; return 1; }
    all="$top $(descendants "$top" | tr '\n' ' ')"
    # shellcheck disable=SC2086
    kill -9 $all 2>/dev/null || true
    rm -f "$DIR/$name.pid"
    log "killed $name (pids $all)"
}

start_node() {
    local name=$1
    run_node "$name"
    log "started $name; it rejoins as a standby"
}

primary() {
    as_db psql -At -h 127.0.0.1 -p "$MONITOR_PORT" -U autoctl_node -d pg_auto_failover \
        -c "SELECT nodename FROM pgautofailover.node WHERE reportedstate IN ('primary','wait_primary','single') AND goalstate IN ('primary','wait_primary','single')"
}

status() {
    as_db /usr/bin/pg_autoctl show state --pgdata "$DIR/monitor" 2>/dev/null || log "monitor not running"
    if [ -f "$DIR/pgbouncer.pid" ] && kill -0 "$(cat "$DIR/pgbouncer.pid")" 2>/dev/null; then
        log "PgBouncer on $BOUNCER_PORT in front of $(sed -n 's/^reveal = .* port=\([0-9]*\).*/127.0.0.1:\1/p' "$DIR/pgbouncer.ini")"
    fi
    for i in 1 2; do
        local port=$((HTTP + i - 1))
        curl -s -m 2 "http://127.0.0.1:$port/actuator/health/readiness" | sed "s/^/instance $i ($port): /" || true
        echo
    done
}

services_up() {
    [ -f "$ROOT/target/reveal.jar" ] || (cd "$ROOT" && ./mvnw -q -B package -DskipTests)
    local secret_file=$DIR/secret
    [ -f "$secret_file" ] || openssl rand -base64 48 > "$secret_file"
    for i in 1 2; do
        local port=$((HTTP + i - 1))
        REVEAL_AUTH_HMAC_SECRET=$(cat "$secret_file") setsid java -jar "$ROOT/target/reveal.jar" \
            --server.port="$port" \
            --spring.datasource.url="$JDBC_BOUNCER" --spring.datasource.username="$DBUSER" \
            --spring.flyway.url="$JDBC_NODES" --spring.flyway.user="$DBUSER" \
            --reveal.datasource.replica.url="$JDBC_STANDBY" --reveal.datasource.replica.username="$DBUSER" \
            --reveal.live.listen-url="$JDBC_NODES" --reveal.live.listen-username="$DBUSER" \
            --reveal.rate-limits.store=database --spring.datasource.hikari.connection-timeout=2000 \
            --logging.structured.format.console= >"$DIR/instance$i.log" 2>&1 < /dev/null &
        echo $! > "$DIR/instance$i.pid"
    done
    for i in 1 2; do
        local port=$((HTTP + i - 1))
        for _ in $(seq 1 120); do
            curl -sf -m 2 "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null && break
            sleep 1
        done
        log "instance $i on http://127.0.0.1:$port ($(curl -s -m 2 "http://127.0.0.1:$port/actuator/health/readiness"))"
    done
    log "tokens: REVEAL_AUTH_HMAC_SECRET=\$(cat $secret_file) java -jar target/reveal.jar token --subject alice"
}

down() {
    for i in 1 2; do
        [ -f "$DIR/instance$i.pid" ] && kill "$(cat "$DIR/instance$i.pid")" 2>/dev/null || true
    done
    [ -f "$DIR/follow.pid" ] && kill "$(cat "$DIR/follow.pid")" 2>/dev/null || true
    [ -f "$DIR/pgbouncer.pid" ] && kill "$(cat "$DIR/pgbouncer.pid")" 2>/dev/null || true
    for name in node1 node2 monitor; do
        [ -d "$DIR/$name" ] && as_db /usr/bin/pg_autoctl stop --pgdata "$DIR/$name" --fast >/dev/null 2>&1 || true
    done
    for name in node1 node2 monitor; do
        for _ in $(seq 1 40); do
            [ -f "$DIR/$name/postmaster.pid" ] || break
            sleep 0.25
        done
        [ -f "$DIR/$name.pid" ] && kill_node "$name" 2>/dev/null || true
        if [ -f "$DIR/$name/postmaster.pid" ]; then
            kill -9 "$(head -1 "$DIR/$name/postmaster.pid")" 2>/dev/null || true
        fi
    done
    rm -rf "$DIR"
    log "stopped and removed $DIR"
}

case "${1:-}" in
    up) db_up; services_up ;;
    db-up) db_up ;;
    status) status ;;
    kill) kill_node "${2:?node1 or node2}" ;;
    start) start_node "${2:?node1 or node2}" ;;
    primary) primary ;;
    follow) follow ;;
    down) down ;;
    *) sed -n '2,19p' "$0"; exit 2 ;;
esac
