//go:build tools

// Package tools pins the chainsaw command (github.com/kyverno/chainsaw is a main
// package) so `go mod tidy` keeps its dependencies.
package tools

import _ "github.com/kyverno/chainsaw"
