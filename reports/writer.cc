#include "reports/writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "reports/json_report.h"
#include "reports/junit.h"
#include "reports/markdown.h"

namespace sts {

namespace fs = std::filesystem;

const std::vector<std::string>& report_formats() {
  static const std::vector<std::string> kFormats = {"markdown", "json", "junit"};
  return kFormats;
}

void write_file_atomically(const std::string& path, const std::string& content) {
  const fs::path target(path);
  const fs::path tmp = target.parent_path() / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()));
  const auto fail = [&](const std::string& what) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    throw ReportError("cannot " + what + " " + path + ": " + why);
  };
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("create a temporary file for");
  for (size_t done = 0; done < content.size();) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      fail("write");
    }
    done += static_cast<size_t>(n);
  }
  // Durable before it becomes visible under its real name.
  if (::fsync(fd) != 0) {
    ::close(fd);
    fail("sync");
  }
  if (::close(fd) != 0) fail("close");
  if (::rename(tmp.c_str(), target.c_str()) != 0) fail("rename into place");
}

std::vector<std::string> write_reports(const std::string& out_dir, const std::vector<std::string>& formats,
                                       const RunInfo& run, const Score& score, const Observations& obs) {
  // Validate every name before writing anything: no partial set of reports.
  std::vector<std::pair<std::string, std::string>> jobs;  // format, file name
  for (const auto& f : formats) {
    if (f == "markdown" || f == "md") jobs.emplace_back("markdown", "STATEFULSET.md");
    else if (f == "json") jobs.emplace_back("json", "report.json");
    else if (f == "junit") jobs.emplace_back("junit", "junit.xml");
    else throw ReportError("unknown report format '" + f + "' (known: markdown, json, junit)");
  }
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) throw ReportError("cannot create report directory " + out_dir + ": " + ec.message());

  std::vector<std::string> written;
  for (const auto& [format, name] : jobs) {
    const std::string path = (fs::path(out_dir) / name).string();
    if (std::find(written.begin(), written.end(), path) != written.end()) continue;  // "md,markdown"
    const std::string content = format == "markdown" ? render_markdown(run, score, obs)
                                : format == "json"   ? render_json(run, score, obs)
                                                     : render_junit(run, score, obs);
    write_file_atomically(path, content);
    written.push_back(path);
  }
  return written;
}

}  // namespace sts
