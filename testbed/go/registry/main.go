// Command registry serves the OCI image layouts found under a directory through
// the read-only part of the registry API (GET/HEAD of /v2/, manifests, blobs).
// containerd's hosts.toml points docker.io at it, so the kubelet can "pull"
// images that are already imported. Nothing is ever fetched from elsewhere.
package main

import (
	"encoding/json"
	"flag"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

type descriptor struct {
	MediaType   string            `json:"mediaType"`
	Digest      string            `json:"digest"`
	Size        int64             `json:"size"`
	Annotations map[string]string `json:"annotations"`
}

type index struct {
	Manifests []descriptor `json:"manifests"`
}

var (
	tags      = map[string]descriptor{} // "library/busybox:1.36" -> manifest
	blobs     = map[string]string{}     // "sha256:..." -> file
	mediaType = map[string]string{}     // manifest digest -> media type
	route     = regexp.MustCompile(`^/v2/(.+)/(manifests|blobs)/([^/]+)$`)
)

// load reads every <root>/*/index.json (one OCI layout per image repository).
func load(root string) error {
	layouts, err := filepath.Glob(filepath.Join(root, "*", "index.json"))
	if err != nil {
		return err
	}
	for _, ix := range layouts {
		dir := filepath.Dir(ix)
		data, err := os.ReadFile(ix)
		if err != nil {
			return err
		}
		var idx index
		if err := json.Unmarshal(data, &idx); err != nil {
			return err
		}
		files, _ := filepath.Glob(filepath.Join(dir, "blobs", "sha256", "*"))
		for _, f := range files {
			blobs["sha256:"+filepath.Base(f)] = f
		}
		for _, d := range idx.Manifests {
			name := d.Annotations["io.containerd.image.name"] // docker.io/library/busybox:1.36
			name = strings.TrimPrefix(name, "docker.io/")
			tags[name] = d
			mediaType[d.Digest] = d.MediaType
			log.Printf("serving %s (%s)", name, d.Digest)
		}
	}
	return nil
}

func serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "read-only", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path == "/v2/" || r.URL.Path == "/v2" {
		w.Header().Set("Docker-Distribution-API-Version", "registry/2.0")
		return
	}
	m := route.FindStringSubmatch(r.URL.Path)
	if m == nil {
		http.NotFound(w, r)
		return
	}
	repo, kind, ref := m[1], m[2], m[3]
	digest, ctype := ref, "application/octet-stream"
	if kind == "manifests" {
		if d, ok := tags[repo+":"+ref]; ok {
			digest = d.Digest
		}
		ctype = mediaType[digest]
	}
	file, ok := blobs[digest]
	if !ok || ctype == "" {
		log.Printf("not found: %s", r.URL.Path)
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Docker-Content-Digest", digest)
	http.ServeFile(w, r, file) // sets Content-Length, handles HEAD
}

func main() {
	root := flag.String("root", "", "directory holding one OCI image layout per repository")
	addr := flag.String("listen", "127.0.0.1:5000", "listen address (keep it on loopback)")
	flag.Parse()
	if err := load(*root); err != nil {
		log.Fatal(err)
	}
	log.Printf("listening on %s", *addr)
	log.Fatal(http.ListenAndServe(*addr, http.HandlerFunc(serve)))
}
