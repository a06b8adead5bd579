// devops-info-service in Go (Lab 1 bonus), with the visits counter of Lab 12.
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

var (
	mu         sync.Mutex
	visitsFile = getenv("VISITS_FILE", "/data/visits.txt")
)

func getenv(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func readVisits() int {
	b, err := os.ReadFile(visitsFile)
	if err != nil {
		return 0
	}
	n, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	return n
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func main() {
	host, _ := os.Hostname()
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		n := readVisits() + 1
		_ = os.MkdirAll(filepath.Dir(visitsFile), 0o755)
		_ = os.WriteFile(visitsFile, []byte(strconv.Itoa(n)), 0o644)
		mu.Unlock()
		writeJSON(w, map[string]any{"hostname": host, "visits": n})
	})
	http.HandleFunc("/visits", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, map[string]any{"hostname": host, "visits": readVisits()})
	})
	http.HandleFunc("/health", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, map[string]string{"status": "ok"})
	})
	addr := ":" + getenv("PORT", "6000")
	log.Printf("listening on %s, visits in %s", addr, visitsFile)
	log.Fatal(http.ListenAndServe(addr, nil))
}
