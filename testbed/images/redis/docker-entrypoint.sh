#!/bin/sh
# Entrypoint of the testbed's offline redis image (Debian's redis-server 7.0),
# as the official image's: `redis-server` is the default command, options or
# a *.conf as first argument mean `redis-server <args>`, and the server runs as
# user redis in WORKDIR /data (whose files are handed to redis first).
# Protected mode: see /usr/local/bin/redis-server.
set -e

case ${1:-} in -* | *.conf) set -- redis-server "$@" ;; esac

if [ "${1:-}" = redis-server ] && [ "$(id -u)" = 0 ]; then
  chown -R redis:redis . 2>/dev/null || :
  exec gosu redis "$0" "$@"
fi

# Files readable by redis only, unless the caller chose a umask.
[ "$(umask)" != 0022 ] || umask 0077

exec "$@"
