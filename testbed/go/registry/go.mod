// A read-only, loopback-only OCI registry (standard library only) serving the
// testbed's offline images, so that pulls forced by imagePullPolicy Always
// (every `:latest` image, e.g. `kubectl run --image=busybox`) succeed offline.
module sts-testbed/registry

go 1.23.0
