#!/bin/sh
# Entrypoint of the testbed's offline postgres image (Debian's postgresql-15),
# modelled on the official image's docker-entrypoint.sh for what the labs use:
#   POSTGRES_PASSWORD (required unless POSTGRES_HOST_AUTH_METHOD=trust),
#   POSTGRES_USER (postgres), POSTGRES_DB (= user), PGDATA, POSTGRES_INITDB_ARGS,
#   POSTGRES_HOST_AUTH_METHOD (scram-sha-256), *_FILE variants of the first four,
#   /docker-entrypoint-initdb.d/*.sql and *.sh on first start only.
# An initialised PGDATA (PG_VERSION present) is used as is: that is what keeps
# the data of a StatefulSet pod across deletion. POSIX sh: the image has dash.
set -e

# file_env VAR: VAR may come from the file named by VAR_FILE (Docker secrets style).
file_env() {
  eval "_v=\${$1:-} _f=\${$1_FILE:-}"
  if [ -n "$_v" ] && [ -n "$_f" ]; then
    echo "error: both $1 and $1_FILE are set (but are exclusive)" >&2
    exit 1
  fi
  [ -z "$_f" ] || _v=$(cat "$_f")
  export "$1=$_v"
  unset "$1_FILE" 2>/dev/null || :
}

setup_env() {
  file_env POSTGRES_PASSWORD
  file_env POSTGRES_USER
  file_env POSTGRES_DB
  file_env POSTGRES_INITDB_ARGS
  : "${POSTGRES_USER:=postgres}"
  : "${POSTGRES_DB:=$POSTGRES_USER}"
  : "${POSTGRES_HOST_AUTH_METHOD:=}"
  export POSTGRES_USER POSTGRES_DB
}

# The same tests and words as the official image: a fresh cluster needs a
# superuser password unless the administrator explicitly chose trust.
verify_minimum_env() {
  if [ -z "$POSTGRES_PASSWORD" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != trust ]; then
    cat >&2 <<'EOE'
Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about "trust":
       https://www.postgresql.org/docs/current/auth-trust.html
EOE
    exit 1
  fi
  if [ "$POSTGRES_HOST_AUTH_METHOD" = trust ]; then
    echo "warning: POSTGRES_HOST_AUTH_METHOD=trust: every connection is accepted without a password" >&2
  fi
}

# Runs as root: data and socket directories for the postgres user.
create_db_directories() {
  mkdir -p "$PGDATA"
  chmod 00700 "$PGDATA" 2>/dev/null || :
  mkdir -p /var/run/postgresql
  chmod 03775 /var/run/postgresql 2>/dev/null || :
  if [ "$(id -u)" = 0 ]; then
    chown -R postgres:postgres "$PGDATA"
    chown postgres:postgres /var/run/postgresql
    # A volume's root may be closed to others (the testbed's hostpath volumes
    # are 0750 root; kind's and minikube's are 0777): PGDATA in a subdirectory
    # of it must still be reachable for the postgres user.
    parent=$(dirname "$PGDATA")
    gosu postgres test -x "$parent" || chmod o+x "$parent"
  fi
}

# psql_in DB ARGS...: as the superuser, stopping at the first error.
psql_in() {
  _db=$1
  shift
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc --dbname "$_db" "$@"
}
process_sql() { psql_in "$POSTGRES_DB" "$@"; }

init_database() {
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  # initdb itself refuses a non-empty directory that is no cluster (e.g. the
  # lost+found of a mount point) with the advice to use a subdirectory, as in
  # the official image. POSTGRES_INITDB_ARGS is split on spaces on purpose.
  # shellcheck disable=SC2086
  if ! initdb --username="$POSTGRES_USER" --pwfile="$pwfile" ${POSTGRES_INITDB_ARGS:-}; then
    rm -f "$pwfile"
    exit 1
  fi
  rm -f "$pwfile"

  # Network connections authenticate (scram-sha-256 unless told otherwise);
  # initdb's own lines keep local socket connections trusted, as upstream does.
  auth=${POSTGRES_HOST_AUTH_METHOD:-$(postgres -D "$PGDATA" -C password_encryption)}
  {
    echo
    [ "$auth" != trust ] || echo '# warning trust is enabled for all connections'
    echo "host all all all $auth"
  } >>"$PGDATA/pg_hba.conf"

  # A temporary server on the socket only, for the database and the init scripts.
  PGUSER=$POSTGRES_USER pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p ${PGPORT:-5432}" -w start
  export PGPASSWORD="$POSTGRES_PASSWORD"
  if [ "$POSTGRES_DB" != postgres ]; then
    # Variables are interpolated in scripts read from stdin, not in -c.
    exists=$(echo "SELECT 1 FROM pg_database WHERE datname = :'db';" |
      psql_in postgres --set db="$POSTGRES_DB" --tuples-only --no-align)
    if [ -z "$exists" ]; then
      echo "CREATE DATABASE :\"db\";" | psql_in postgres --set db="$POSTGRES_DB"
    fi
  fi
  echo
  for f in /docker-entrypoint-initdb.d/*; do
    [ -e "$f" ] || continue
    case $f in
      *.sh)
        if [ -x "$f" ]; then
          echo "$0: running $f"
          "$f"
        else
          echo "$0: sourcing $f"
          # shellcheck disable=SC1090
          . "$f"
        fi
        ;;
      *.sql) echo "$0: running $f"; process_sql -f "$f"; echo ;;
      *) echo "$0: ignoring $f" ;;
    esac
  done
  PGUSER=$POSTGRES_USER pg_ctl -D "$PGDATA" -m fast -w stop
  unset PGPASSWORD
  echo
  echo 'PostgreSQL init process complete; ready for start up.'
  echo
}

# Like upstream: `docker run postgres -c x=y` means `postgres -c x=y`.
case ${1:-} in -*) set -- postgres "$@" ;; esac

if [ "${1:-}" = postgres ]; then
  setup_env
  create_db_directories
  if [ "$(id -u)" = 0 ]; then
    # Drop to the postgres user and start over (the official image uses gosu too).
    exec gosu postgres "$0" "$@"
  fi
  if [ -s "$PGDATA/PG_VERSION" ]; then
    echo
    echo 'PostgreSQL Database directory appears to contain a database; Skipping initialization'
    echo
  else
    verify_minimum_env
    ls /docker-entrypoint-initdb.d/ >/dev/null
    init_database
  fi
fi

exec "$@"
