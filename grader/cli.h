// Command-line parsing. Usage errors exit 64 (EX_USAGE).
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace sts {

enum ExitCode {
  kExitPass = 0,                     // every check passed
  kExitFail = 1,                     // a check failed or was skipped
  kExitNotGradable = 2,              // cluster unreachable, invalid input, infrastructure fault
  kExitUsage = 64,
  kExitInterrupted = 130,            // Ctrl-C / SIGTERM: cleaned up, no verdict
};

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Options {
  std::string command;               // grade, lint, version, help
  std::string submission;
  std::string rubric;                // path; "" -> the default lab04-section3
  std::string scenario;              // path; "" -> from the rubric
  std::string kubeconfig;
  std::string context;
  std::string out = "sts-grader-report";
  std::string kubectl;               // "" -> kubectl on PATH
  std::string statefulset;           // when a submission has several
  std::string record;                // "" -> none; else write the run's observations (JSON) here
  std::vector<std::string> formats = {"markdown", "json", "junit"};
  bool keep = false;
  bool quiet = false;
};

Options parse_args(const std::vector<std::string>& args);
std::string usage();

}  // namespace sts
