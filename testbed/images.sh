#!/usr/bin/env bash
# Builds the testbed's container images offline into $(image_dir), one OCI image
# layout per repository (served by the local registry) plus a tar of it (for
# `ctr images import`). Each image is one uncompressed layer.
#   registry.k8s.io/pause:3.10           static C pause (containerd's sandbox_image)
#   docker.io/library/busybox:1.36 :latest    Debian's busybox-static + applet links
#   docker.io/library/nginx:1.21 :1.22 :latest  Debian bookworm's nginx, dash, coreutils
#   docker.io/library/postgres:15 :15-alpine :16 :latest  postgresql-15 + images/postgres/
#   docker.io/library/redis:7 :7-alpine :latest           redis-server 7.0 + images/redis/
#   docker.io/stsgrader/{visits-app,user-api,cache-api,task-worker}:1.0 (+ :latest, and
#     library/user-api:1.0, library/cache-api:1.0)  Python 3 apps of images/apps/
# Debian packages come from the configured apt sources at build time; their
# versions are recorded in $(image_dir)/packages.txt.
source "$(dirname "$0")/lib.sh"

out=$(image_dir)
[[ -f $out/done ]] && { log "images cached in $out"; exit 0; }

mkdir -p "$TB_LOGS" "$TB_CACHE"
ilog=$TB_LOGS/images.log
tmp=$(mktemp -d "$TB_CACHE/.images.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
log "building images into $out (log: $ilog)"

# download_debs DIR PACKAGES...: the packages and their dependency closure, as
# apt resolves it for an empty system (status file /dev/null-like).
download_debs() {
  local dir=$1; shift
  mkdir -p "$dir/partial" && : >"$dir/status"
  apt-get -q -y --download-only --no-install-recommends \
    -o Dir::State::status="$dir/status" -o Dir::Cache::archives="$dir" \
    -o Debug::NoLocking=1 -o APT::Sandbox::User=root install "$@" >>"$ilog" 2>&1 ||
    fail "images" "apt-get download of $* failed" "$ilog"
  (cd "$dir" && ls ./*.deb) >>"$tmp/packages.txt"
}

# add_blob LAYOUT FILE: moves FILE into LAYOUT/blobs, echoes "digest size".
add_blob() {
  local layout=$1 src=$2 sum
  sum=$(sha256sum "$src" | cut -d' ' -f1)
  mkdir -p "$layout/blobs/sha256"
  mv "$src" "$layout/blobs/sha256/$sum"
  echo "sha256:$sum $(stat -c %s "$layout/blobs/sha256/$sum")"
}

# oci_image REPO ROOTFS CONFIG-JSON NAME...: one-layer image, tagged with each NAME.
oci_image() {
  local repo=$1 rootfs=$2 config=$3; shift 3
  local layout=$out.new/$repo layer cfg man entries="" name
  mkdir -p "$layout"
  # Reproducible layer: sorted, fixed time, root-owned.
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$rootfs" -cf "$tmp/layer.tar" . 2>>"$ilog"
  read -r layer lsize < <(add_blob "$layout" "$tmp/layer.tar")
  printf '{"architecture":"amd64","os":"linux","config":%s,"rootfs":{"type":"layers","diff_ids":["%s"]},"history":[{"created_by":"sts-testbed images.sh"}]}' \
    "$config" "$layer" >"$tmp/config.json"
  read -r cfg csize < <(add_blob "$layout" "$tmp/config.json")
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"%s","size":%s}]}' \
    "$cfg" "$csize" "$layer" "$lsize" >"$tmp/manifest.json"
  read -r man msize < <(add_blob "$layout" "$tmp/manifest.json")
  for name in "$@"; do
    entries+="${entries:+,}{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"$man\",\"size\":$msize,"
    entries+="\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"},"
    entries+="\"annotations\":{\"io.containerd.image.name\":\"$name\",\"org.opencontainers.image.ref.name\":\"${name##*:}\"}}"
  done
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[%s]}' "$entries" >"$layout/index.json"
  echo '{"imageLayoutVersion":"1.0.0"}' >"$layout/oci-layout"
  tar -C "$layout" -cf "$out.new/$repo.tar" oci-layout index.json blobs
  echo "$repo: $* -> $man" >>"$tmp/packages.txt"
}

rm -rf "$out.new" && mkdir -p "$out.new"
: >"$tmp/packages.txt"
command -v gcc >/dev/null || die "images: gcc missing (up installs it)"

# pause
mkdir -p "$tmp/pause"
gcc -static -Os -s -o "$tmp/pause/pause" "$TB_DIR/images/pause.c" >>"$ilog" 2>&1 || fail "images (pause)" "gcc -static failed" "$ilog"
oci_image pause "$tmp/pause" '{"Entrypoint":["/pause"]}' registry.k8s.io/pause:3.10

# busybox: one static binary plus a link per applet (busybox --list-full).
download_debs "$tmp/bbdebs" busybox-static
bb=$tmp/busybox
mkdir -p "$bb"/{bin,etc,root,tmp,var,proc,sys,dev,home}
dpkg -x "$tmp"/bbdebs/busybox-static_*.deb "$tmp/bbx" 2>>"$ilog"
cp "$tmp/bbx/bin/busybox" "$bb/bin/busybox"
while read -r applet; do
  [[ -e $bb/$applet ]] || { mkdir -p "$bb/$(dirname "$applet")"; ln -s /bin/busybox "$bb/$applet"; }
done < <("$bb/bin/busybox" --list-full)
chmod 1777 "$bb/tmp"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' >"$bb/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\n' >"$bb/etc/group"
oci_image busybox "$bb" \
  '{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["sh"]}' \
  docker.io/library/busybox:1.36 docker.io/library/busybox:latest

# nginx: the Debian packages unpacked (no maintainer scripts), plus by hand what
# those scripts would have done: /bin/sh, users, ld.so cache, log/temp dirs.
download_debs "$tmp/ngdebs" nginx-light dash coreutils
ng=$tmp/nginx
for deb in "$tmp"/ngdebs/*.deb; do dpkg -x "$deb" "$ng" 2>>"$ilog"; done
rm -rf "$ng"/usr/share/{doc,man,info,locale,lintian}
ln -sf dash "$ng/bin/sh"
mkdir -p "$ng"/{root,proc,sys,dev,run,var/lib/nginx,var/log/nginx,usr/share/nginx/html,etc/nginx/conf.d}
install -d -m 1777 "$ng/tmp"
printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin' \
  'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin' >"$ng/etc/passwd"
printf '%s\n' 'root:x:0:' 'www-data:x:33:' 'nogroup:x:65534:' >"$ng/etc/group"
printf '%s\n' 'passwd: files' 'group: files' 'hosts: files dns' >"$ng/etc/nsswitch.conf"
echo 'include /etc/ld.so.conf.d/*.conf' >"$ng/etc/ld.so.conf"
ldconfig -r "$ng" 2>>"$ilog"
# Like the official image: logs go to the container's stdout/stderr.
ln -sf /dev/stdout "$ng/var/log/nginx/access.log"
ln -sf /dev/stderr "$ng/var/log/nginx/error.log"
cp "$TB_DIR/images/nginx.conf" "$ng/etc/nginx/nginx.conf"
cp "$TB_DIR/images/default.conf" "$ng/etc/nginx/conf.d/default.conf"
echo '<h1>Welcome to nginx!</h1>' >"$ng/usr/share/nginx/html/index.html"
# Prove the rootfs works: the shell, date and nginx's config check, in a chroot.
chroot "$ng" /bin/sh -c 'date >/dev/null && nginx -t' >>"$ilog" 2>&1 || fail "images (nginx)" "chroot self-check failed" "$ilog"
rm -f "$ng/run/nginx.pid"
oci_image nginx "$ng" \
  '{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["nginx","-g","daemon off;"],"ExposedPorts":{"80/tcp":{}},"StopSignal":"SIGQUIT"}' \
  docker.io/library/nginx:1.21 docker.io/library/nginx:1.22 docker.io/library/nginx:latest

# ---- application images: stand-ins for what Labs 06 and 15 run ---------------------------
# Each closure is resolved on its own, but the .deb files land in one pool, so a
# package shared by several images (libc6, coreutils, libssl3...) is fetched once.
pool=$tmp/pool
mkdir -p "$pool/partial"
apt_opts=(-y --no-install-recommends -o Debug::NoLocking=1 -o APT::Sandbox::User=root)

# resolve NAME "ASSUMED..." PACKAGES...: $tmp/NAME.debs lists the .deb files of
# the closure apt computes for an empty system on which the ASSUMED packages
# count as installed (they serve maintainer scripts, perl wrappers, JIT or
# locales, nothing the image runs); files not yet in the pool are downloaded.
resolve() {
  local name=$1 assumed=$2 d=$tmp/apt-$1 try; shift 2
  mkdir -p "$d/partial" && : >"$d/status"
  if [[ -n $assumed ]]; then
    # shellcheck disable=SC2086
    apt-cache show --no-all-versions $assumed 2>>"$ilog" |
      awk '/^(Package|Architecture|Multi-Arch|Provides):/ {print} /^$/ {print "Version: 999:0\nStatus: install ok installed\n"}' >"$d/status" ||
      fail "images ($name)" "apt-cache show $assumed failed" "$ilog"
  fi
  for try in 1 2; do
    # --print-uris against an empty archive dir lists the whole closure.
    if apt-get -qq "${apt_opts[@]}" -o Dir::State::status="$d/status" -o Dir::Cache::archives="$d" \
      --print-uris install "$@" 2>>"$ilog" | awk '{print $2}' >"$tmp/$name.debs" && [[ -s $tmp/$name.debs ]] &&
      apt-get -q "${apt_opts[@]}" -o Dir::State::status="$d/status" -o Dir::Cache::archives="$pool" \
        --download-only install "$@" >>"$ilog" 2>&1; then
      { echo "# $name"; cat "$tmp/$name.debs"; } >>"$tmp/packages.txt"
      return 0
    fi
    # Stale or missing package lists (a fresh machine): refresh once, retry.
    ((try == 1)) && { log "images: refreshing apt package lists"; apt-get update -q >>"$ilog" 2>&1 || true; }
  done
  fail "images ($name)" "apt could not resolve or download $*" "$ilog"
}

# debian_rootfs ROOT NAME "PASSWD-LINES" "GROUP-LINES": NAME's closure unpacked
# (no maintainer scripts: what they would do is done here), documentation,
# translations, iconv modules and init-system files dropped.
debian_rootfs() {
  local root=$1 name=$2 f
  while read -r f; do dpkg -x "$pool/$f" "$root" 2>>"$ilog"; done <"$tmp/$name.debs"
  rm -rf "$root"/usr/share/{doc,man,info,locale,lintian,bug,bash-completion} \
    "$root"/usr/lib/x86_64-linux-gnu/gconv "$root"/etc/{init.d,logrotate.d,cron.daily,default} \
    "$root"/lib/systemd "$root"/usr/lib/systemd
  ln -sf dash "$root/bin/sh"
  mkdir -p "$root"/{root,proc,sys,dev,run,var}
  ln -sfn /run "$root/var/run"
  install -d -m 1777 "$root/tmp"
  printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' ${3:+"$3"} 'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin' >"$root/etc/passwd"
  printf '%s\n' 'root:x:0:' ${4:+"$4"} 'nogroup:x:65534:' >"$root/etc/group"
  printf '%s\n' 'passwd: files' 'group: files' 'hosts: files dns' >"$root/etc/nsswitch.conf"
  echo 'include /etc/ld.so.conf.d/*.conf' >"$root/etc/ld.so.conf"
  ldconfig -r "$root" 2>>"$ilog"
}

# check ROOT IMAGE COMMAND: COMMAND in a chroot of ROOT, proving the closure is
# complete before the image is made. /proc (gosu needs it) is mounted in a
# private mount namespace, so it vanishes with the check; /dev/null is removed.
check() {
  local root=$1 image=$2; shift 2
  mknod -m 666 "$root/dev/null" c 1 3
  unshare --mount --pid --fork --mount-proc="$root/proc" chroot "$root" /bin/sh -c "$*" >>"$ilog" 2>&1 || { rm -rf "${root:?}"/dev/*; fail "images ($image)" "chroot self-check failed: $*" "$ilog"; }
  rm -rf "${root:?}"/dev/*
}

# Assumed installed by every image: only maintainer scripts use them.
base_assumed="dpkg debianutils readline-common adduser debconf lsb-base init-system-helpers"
std_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
t=$SECONDS

# postgres: Debian's PostgreSQL 15 without the perl wrappers of postgresql-common
# (so PATH has /usr/lib/postgresql/15/bin, as the official image), without the
# LLVM JIT (jit=off, 120 MB less) and without locales (initdb uses C.UTF-8,
# built into libc-bin). gosu drops root as in the official entrypoint.
resolve postgres "$base_assumed postgresql-common postgresql-client-common locales locales-all libllvm14 ssl-cert perl sensible-utils" \
  postgresql-15 postgresql-client-15 libc-bin tzdata gosu dash coreutils
pg=$tmp/postgres
debian_rootfs "$pg" postgres 'postgres:x:999:999::/var/lib/postgresql:/bin/sh' 'postgres:x:999:'
pgshare=$pg/usr/share/postgresql/15
rm -rf "$pg"/usr/lib/postgresql/15/lib/{bitcode,llvmjit.so,llvmjit_types.bc} "$pgshare/man" \
  "$pg"/usr/share/zoneinfo/{right,posix}
# Upstream's image listens everywhere; Debian's sample says localhost.
sed -i "s/^#listen_addresses = 'localhost'/listen_addresses = '*'/; s/^#jit = on/jit = off/" "$pgshare/postgresql.conf.sample"
grep -q "^listen_addresses = '\*'" "$pgshare/postgresql.conf.sample" || fail "images (postgres)" "postgresql.conf.sample not patched" "$ilog"
install -d -m 3777 "$pg/run/postgresql"
install -d -m 0755 "$pg/var/lib/postgresql" "$pg/docker-entrypoint-initdb.d" "$pg/usr/local/bin"
install -d -m 1777 "$pg/var/lib/postgresql/data"
install -m 0755 "$TB_DIR/images/postgres/docker-entrypoint.sh" "$pg/usr/local/bin/docker-entrypoint.sh"
check "$pg" postgres "PATH=/usr/lib/postgresql/15/bin:$std_path; LANG=C.UTF-8; export PATH LANG
  gosu postgres initdb -D /tmp/check -U postgres && gosu postgres postgres -D /tmp/check -C listen_addresses &&
  psql --version && pg_isready --version; s=\$?; rm -rf /tmp/check; exit \$s"
oci_image postgres "$pg" \
  "{\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/lib/postgresql/15/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"LANG=C.UTF-8\",\"PG_MAJOR=15\",\"PGDATA=/var/lib/postgresql/data\"],\"Entrypoint\":[\"docker-entrypoint.sh\"],\"Cmd\":[\"postgres\"],\"ExposedPorts\":{\"5432/tcp\":{}},\"StopSignal\":\"SIGINT\"}" \
  docker.io/library/postgres:15 docker.io/library/postgres:15-alpine docker.io/library/postgres:16 docker.io/library/postgres:latest
log "images: postgres in $((SECONDS - t))s"; t=$SECONDS

# redis: Debian's redis-server 7.0; the entrypoint mirrors the official one.
resolve redis "$base_assumed" redis-server gosu dash coreutils
rd=$tmp/redis
debian_rootfs "$rd" redis 'redis:x:999:999::/data:/usr/sbin/nologin' 'redis:x:999:'
rm -rf "$rd/etc/redis" # Debian's config daemonizes; the official image ships none
install -d -m 0755 "$rd/data" "$rd/usr/local/bin"
install -m 0755 "$TB_DIR"/images/redis/{docker-entrypoint.sh,redis-server} "$rd/usr/local/bin/"
check "$rd" redis "PATH=$std_path; redis-server --version && redis-cli --version && gosu redis true"
oci_image redis "$rd" \
  "{\"Env\":[\"PATH=$std_path\"],\"Entrypoint\":[\"docker-entrypoint.sh\"],\"Cmd\":[\"redis-server\"],\"WorkingDir\":\"/data\",\"ExposedPorts\":{\"6379/tcp\":{}}}" \
  docker.io/library/redis:7 docker.io/library/redis:7-alpine docker.io/library/redis:latest
log "images: redis in $((SECONDS - t))s"; t=$SECONDS

# The Python apps share one rootfs (python3 + psycopg2 + redis client), built
# once and hard-linked into each app's tree; each image is still one layer.
resolve python "$base_assumed tzdata media-types mailcap mime-support netbase" \
  python3 python3-psycopg2 python3-redis dash coreutils
py=$tmp/python
debian_rootfs "$py" python '' ''
rm -rf "$py"/usr/lib/python3.11/{test,idlelib,tkinter,turtledemo,pydoc_data,ensurepip,lib2to3}
check "$py" python 'PYTHONDONTWRITEBYTECODE=1 python3 -c "import http.server, json, psycopg2, redis"'
log "images: python base in $((SECONDS - t))s"; t=$SECONDS

# app_image REPO DIR SCRIPT PORT NAME...: one app of images/apps/DIR in /app.
app_image() {
  local repo=$1 dir=$2 script=$3 port=$4 root=$tmp/app-$1 expose=""; shift 4
  cp -al "$py" "$root"
  install -d -m 0755 "$root/app" "$root/data"
  install -m 0644 "$TB_DIR/images/apps/$dir"/*.py "$root/app/"
  check "$root" "$repo" "PYTHONDONTWRITEBYTECODE=1 python3 -c 'import sys; compile(open(sys.argv[1]).read(), sys.argv[1], \"exec\")' /app/$script"
  [[ -z $port ]] || expose=",\"ExposedPorts\":{\"$port/tcp\":{}}"
  oci_image "$repo" "$root" \
    "{\"Env\":[\"PATH=$std_path\",\"PYTHONUNBUFFERED=1\",\"LANG=C.UTF-8\"],\"Cmd\":[\"python3\",\"/app/$script\"],\"WorkingDir\":\"/app\"$expose}" "$@"
  rm -rf "$root"
  log "images: $repo in $((SECONDS - t))s"; t=$SECONDS
}
app_image visits-app visits app.py 8000 docker.io/stsgrader/visits-app:1.0 docker.io/stsgrader/visits-app:latest
app_image user-api user-api app.py 8000 docker.io/stsgrader/user-api:1.0 docker.io/stsgrader/user-api:latest \
  docker.io/library/user-api:1.0
app_image cache-api cache-api app.py 8000 docker.io/stsgrader/cache-api:1.0 docker.io/stsgrader/cache-api:latest \
  docker.io/library/cache-api:1.0
app_image task-worker task-worker worker.py "" docker.io/stsgrader/task-worker:1.0 docker.io/stsgrader/task-worker:latest

mv "$tmp/packages.txt" "$out.new/packages.txt"
touch "$out.new/done"
rm -rf "$out" && mv "$out.new" "$out"
log "images built into $out"
