#include "grader/scenario/wget_result.h"

#include <regex>
#include <sstream>

namespace sts {

std::vector<std::string> wget_command(const WgetRequest& r, const std::string& sentinel) {
  // Positional parameters, never string splicing: URLs and bodies are data.
  static const char* kScript =
      "u=$1 s=$2 t=$3; shift 3\n"
      "if [ $# -gt 0 ]; then timeout \"$t\" wget -S -O - --header \"Content-Type: $2\" "
      "--post-data \"$1\" \"$u\"\n"
      "else timeout \"$t\" wget -S -O - \"$u\"; fi\n"
      "rc=$?\n"
      "printf '\\n%s rc=%d\\n' \"$s\" \"$rc\"\n";
  std::vector<std::string> argv{"sh", "-c", kScript, "sh", r.url, sentinel,
                                std::to_string(r.timeout_seconds)};
  if (r.method == "POST") {
    argv.push_back(r.body);
    argv.push_back(r.content_type);
  }
  return argv;
}

WgetResult parse_wget(const std::string& out, const std::string& err, const std::string& sentinel,
                      int timeout_seconds) {
  WgetResult r;
  const std::string tag = "\n" + sentinel + " rc=";
  size_t at = out.rfind(tag);
  if (at == std::string::npos) {
    r.error = "the request did not run in the probe pod";
    return r;
  }
  r.ran = true;
  r.body = out.substr(0, at);
  try {
    r.wget_exit = std::stoi(out.substr(at + tag.size()));
  } catch (const std::exception&) {
    r.wget_exit = -1;
  }
  // The last status line wins (redirects print one per response).
  static const std::regex kStatus(R"(^\s*HTTP/[0-9.]+\s+([0-9]{3})\s*(.*?)\s*$)");
  std::string last_wget_line;
  std::istringstream lines(err);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (std::regex_match(line, m, kStatus)) {
      r.status = std::stoi(m[1]);
      r.reason = m[2];
    }
    if (line.rfind("wget: ", 0) == 0) last_wget_line = line.substr(6);
  }
  if (r.ok()) return r;
  r.body.clear();                    // wget writes none for an error answer
  if (r.wget_exit == 143 || r.wget_exit == 124)
    r.error = "no complete answer within " + std::to_string(timeout_seconds) + "s";
  else if (r.status > 0 && (r.status < 200 || r.status >= 300))
    r.error = "HTTP " + std::to_string(r.status) + (r.reason.empty() ? "" : " " + r.reason);
  else if (!last_wget_line.empty())
    r.error = last_wget_line;
  else if (r.wget_exit == 0)
    r.error = "no HTTP status line in the answer";
  else
    r.error = "wget exited " + std::to_string(r.wget_exit);
  r.unresolved = last_wget_line.find("bad address") != std::string::npos;
  return r;
}

}  // namespace sts
