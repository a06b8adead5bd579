//go:build tools

// Package tools pins the etcd server command (go.etcd.io/etcd/server/v3 is a main package).
package tools

import _ "go.etcd.io/etcd/server/v3"
