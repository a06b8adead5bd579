#include "reports/writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "reports/gradescope.h"
#include "reports/json_report.h"
#include "reports/junit.h"
#include "reports/markdown.h"
#include "reports/prairielearn.h"

namespace sts {

namespace fs = std::filesystem;

const std::vector<std::string>& report_formats() {
  static const std::vector<std::string> kFormats = {"markdown", "json", "junit"};
  return kFormats;
}

std::vector<std::string> write_reports(const std::string& out_dir, const std::vector<std::string>& formats,
                                       const RunInfo& run, const Score& score, const Observations& obs) {
  // Validate every name before writing anything: no partial set of reports.
  std::vector<std::pair<std::string, std::string>> jobs;  // format, file name
  for (const auto& f : formats) {
    if (f == "markdown" || f == "md") jobs.emplace_back("markdown", "STATEFULSET.md");
    else if (f == "json") jobs.emplace_back("json", "report.json");
    else if (f == "junit") jobs.emplace_back("junit", "junit.xml");
    else if (f == "prairielearn") jobs.emplace_back("prairielearn", "results.json");
    else if (f == "gradescope") jobs.emplace_back("gradescope", "results.json");
    else throw ReportError("unknown report format '" + f + "' (known: markdown, json, junit, prairielearn, gradescope)");
  }
  const auto asked = [&](const char* f) {
    return std::any_of(jobs.begin(), jobs.end(), [&](const auto& j) { return j.first == f; });
  };
  if (asked("prairielearn") && asked("gradescope"))
    throw ReportError("formats prairielearn and gradescope both write results.json: ask for one");
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) throw ReportError("cannot create report directory " + out_dir + ": " + ec.message());

  std::vector<std::string> written;
  for (const auto& [format, name] : jobs) {
    const std::string path = (fs::path(out_dir) / name).string();
    if (std::find(written.begin(), written.end(), path) != written.end()) continue;  // "md,markdown"
    if (format == "gradescope") {
      // Not gradable: no results.json at all (gradescope.h), and none left from before.
      std::optional<Json> gs = gradescope_autograder_results(report_json(run, score, obs), render_markdown(run, score, obs));
      if (!gs) {
        std::error_code rm;
        fs::remove(path, rm);
        continue;
      }
      write_file_atomically(path, gs->dump(2, ' ', false, Json::error_handler_t::replace) + "\n");
      written.push_back(path);
      continue;
    }
    const std::string content = format == "markdown" ? render_markdown(run, score, obs)
                                : format == "json"   ? render_json(run, score, obs)
                                : format == "prairielearn" ? render_prairielearn(run, score, obs)
                                                     : render_junit(run, score, obs);
    write_file_atomically(path, content);
    written.push_back(path);
  }
  return written;
}

}  // namespace sts
