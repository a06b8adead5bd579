// One HTTP request made with busybox wget in the probe pod, and what came back.
//
// The request runs in a small shell wrapper that ends stdout with a sentinel
// line carrying wget's exit status: the sentinel proves the command ran in the
// pod, so a missing one is kubectl's (the infrastructure's) failure, while a
// refused connection or a 500 is the app's answer. Busybox wget prints the
// response headers (-S) on stderr and the body on stdout, and no body for a
// non-2xx answer.
#pragma once
#include <string>
#include <vector>

namespace sts {

struct WgetRequest {
  std::string url;
  std::string method = "GET";        // GET or POST (busybox wget can do no other)
  std::string body;                  // POST only
  std::string content_type = "application/json";
  int timeout_seconds = 10;
};

// argv for kubectl exec: sh -c <wrapper> sh <url> <sentinel> <timeout> [body content-type].
std::vector<std::string> wget_command(const WgetRequest& r, const std::string& sentinel);

struct WgetResult {
  bool ran = false;                  // the sentinel came back: the command ran in the pod
  int wget_exit = -1;                // wget's exit status (143: killed by timeout)
  int status = 0;                    // HTTP status of the last response; 0: none
  std::string reason;                // "Not Found"
  std::string body;                  // stdout before the sentinel (2xx only)
  std::string error;                 // "" on 2xx, else what went wrong, in wget's words
  bool unresolved = false;           // the host name did not resolve ("bad address")
  bool ok() const { return ran && wget_exit == 0 && status >= 200 && status < 300; }
};

WgetResult parse_wget(const std::string& out, const std::string& err, const std::string& sentinel,
                      int timeout_seconds);

}  // namespace sts
