#include "checks/app_readings.h"

#include <algorithm>

#include "checks/check_util.h"
#include "grader/model/grader_objects.h"

namespace sts {

std::string AppReading::line() const {
  std::string answer = ok ? bounded(text, 300) : problem;
  while (!answer.empty() && (answer.back() == '\n' || answer.back() == ' ')) answer.pop_back();
  return seconds(t) + " " + request + " -> " + (ok ? "" : "FAILED ") + answer;
}

namespace {

std::string command_text(const std::vector<std::string>& command) {
  // `sh -c SCRIPT …` reads best as the script.
  if (command.size() >= 3 && (command[0] == "sh" || command[0] == "bash") && command[1] == "-c")
    return command[2];
  return join(command, " ");
}

AppReading from_exec(const ExecRecord& e) {
  AppReading r;
  r.phase = e.purpose;
  r.request = e.pod + ": " + bounded(command_text(e.command), 160);
  r.ok = e.exit_code == 0 && e.error.empty();
  r.text = e.out;
  r.t = e.t_end;
  r.infrastructure = !e.error.empty();
  r.no_tool = e.exit_code == 127;
  if (!r.ok) {
    // One line: the command's own messages, without kubectl's exit note.
    std::string err = e.err.empty() ? e.out : e.err, text;
    size_t start = 0;
    while (start < err.size()) {
      size_t end = err.find('\n', start);
      std::string line = err.substr(start, end == std::string::npos ? std::string::npos : end - start);
      start = end == std::string::npos ? err.size() : end + 1;
      if (line.find_first_not_of(" \t^") == std::string::npos ||
          line.rfind("command terminated with exit code", 0) == 0)
        continue;
      text += (text.empty() ? "" : " / ") + line.substr(line.find_first_not_of(" \t"));
    }
    r.problem = !e.error.empty() ? e.error : "exit " + std::to_string(e.exit_code) + ": " + bounded(text, 300);
  }
  return r;
}

AppReading from_http(const HttpExchange& x) {
  AppReading r;
  r.phase = x.phase;
  r.request = x.method + " " + x.url;
  r.ok = x.ok;
  r.text = x.body;
  r.problem = x.error;
  r.http_status = x.status;
  r.t = x.t;
  return r;
}

}  // namespace

std::vector<AppReading> app_readings(const Observations& obs, const std::string& phase) {
  std::vector<AppReading> all;
  for (const HttpExchange& x : obs.http)
    if (x.phase == phase) all.push_back(from_http(x));
  for (const ExecRecord& e : obs.execs)
    if (e.purpose == phase && e.pod != kProbePod) all.push_back(from_exec(e));
  std::stable_sort(all.begin(), all.end(), [](const AppReading& a, const AppReading& b) { return a.t < b.t; });
  // A retried request keeps its last answer, at the place of its first.
  std::vector<AppReading> out;
  for (AppReading& r : all) {
    auto same = std::find_if(out.begin(), out.end(), [&](const AppReading& o) { return o.request == r.request; });
    if (same == out.end()) out.push_back(std::move(r));
    else *same = std::move(r);
  }
  return out;
}

AppReading last_reading(const Observations& obs, const std::string& phase) {
  std::vector<AppReading> all = app_readings(obs, phase);
  return all.empty() ? AppReading{} : all.back();
}

}  // namespace sts
