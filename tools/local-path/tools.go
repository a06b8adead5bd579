//go:build tools

// Package tools pins the provisioner command (github.com/rancher/local-path-provisioner
// is a main package) so `go mod tidy` keeps its dependencies.
package tools

import _ "github.com/rancher/local-path-provisioner"
