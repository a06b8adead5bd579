#!/usr/bin/env bash
# Builds the testbed's container images offline into $(image_dir), one OCI image
# layout per repository (served by the local registry) plus a tar of it (for
# `ctr images import`). Each image is one uncompressed layer.
#   registry.k8s.io/pause:3.10           static C pause (containerd's sandbox_image)
#   docker.io/library/busybox:1.36 :latest    Debian's busybox-static + applet links
#   docker.io/library/nginx:1.21 :1.22 :latest  Debian bookworm's nginx, dash, coreutils
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

mv "$tmp/packages.txt" "$out.new/packages.txt"
touch "$out.new/done"
rm -rf "$out" && mv "$out.new" "$out"
log "images built into $out"
