#include "grader/batch/gradescope_package.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "grader/grading/data_dir.h"
#include "grader/base/process.h"
#include "grader/grading/rubric.h"

namespace fs = std::filesystem;

namespace sts {

std::string package_setup_sh() {
  return R"SH(#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder image.
# Everything sts-grader needs ships in this package (bin/, lib/); only the CA
# certificates for the cluster's TLS may be missing from a minimal image.
set -euo pipefail
src="$(cd "$(dirname "$0")" && pwd)"
if [ ! -e /etc/ssl/certs/ca-certificates.crt ] && command -v apt-get >/dev/null; then
  apt-get update -qq && apt-get install -y -qq ca-certificates
fi
chmod +x "$src"/bin/* "$src/run_autograder"
# Fails the image build now, not the first student's run, if the binary cannot load.
LD_LIBRARY_PATH="$src/lib" "$src/bin/sts-grader" version
"$src/bin/kubectl" version --client=true >/dev/null
)SH";
}

std::string package_run_autograder(const std::string& rubric_file, const std::string& context, bool helm) {
  std::string s = R"SH(#!/usr/bin/env bash
# Gradescope runs this for every submission. It grades
# $root/submission and writes $root/results/results.json; a run that is not
# gradable (the cluster's fault, or input the grader refuses) writes none, so
# Gradescope shows the autograder as failed instead of a score of 0 — run it
# again once fixed. What it prints goes to the instructor (stdout_visibility
# hidden); the student sees STATEFULSET.md as the results' output.
set -u
root="${AUTOGRADER_ROOT:-/autograder}"
src="$root/source"
results="$root/results"
mkdir -p "$results"
rm -f "$results/results.json"
export LD_LIBRARY_PATH="$src/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export PATH="$src/bin:$PATH"
export STS_GRADER_DATA="$src/share/sts-grader"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
args=(grade "$root/submission" --rubric "$STS_GRADER_DATA/rubrics/)SH" + rubric_file + R"SH("
      --kubeconfig "$src/kubeconfig" --kubectl "$src/bin/kubectl" --quota
      --format markdown,json,gradescope --out "$work/report")
)SH";
  if (!context.empty()) s += "args+=(--context \"" + context + "\")\n";
  if (helm) s += "args+=(--helm \"$src/bin/helm\")\n";
  s += R"SH("$src/bin/sts-grader" "${args[@]}"
status=$?
cp "$work/report/STATEFULSET.md" "$work/report/report.json" "$results/" 2>/dev/null
if [ -f "$work/report/results.json" ]; then
  cp "$work/report/results.json" "$results/results.json"
  echo "run_autograder: graded (sts-grader exit $status)"
  exit 0
fi
echo "run_autograder: NOT GRADABLE (sts-grader exit $status): no results.json written, so no score;"
echo "run_autograder: fix the cause above and regrade this submission"
exit 1
)SH";
  return s;
}

namespace {

void copy_into(const std::string& from, const fs::path& to, bool executable) {
  std::error_code ec;
  fs::create_directories(to.parent_path(), ec);
  if (!fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec))
    throw std::runtime_error("cannot copy " + from + " to " + to.string() + ": " + ec.message());
  fs::permissions(to, executable ? fs::perms(0755) : fs::perms(0644), ec);
}

void write_text(const fs::path& to, const std::string& text, bool executable) {
  std::error_code ec;
  fs::create_directories(to.parent_path(), ec);
  std::ofstream(to, std::ios::binary) << text;
  fs::permissions(to, executable ? fs::perms(0755) : fs::perms(0600), ec);
  if (!fs::exists(to)) throw std::runtime_error("cannot write " + to.string());
}

}  // namespace

std::vector<std::string> shipped_libraries(const std::string& binary) {
  ProcessResult r = run_process({"ldd", binary}, "", std::chrono::seconds(20));
  if (r.exit_code != 0) throw std::runtime_error("ldd " + binary + ": " + r.err + r.error);
  std::vector<std::string> libs;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    // "\tlibcurl.so.4 => /lib/x86_64-linux-gnu/libcurl.so.4 (0x…)"
    size_t arrow = line.find("=> /");
    if (arrow == std::string::npos) continue;
    std::string path = line.substr(arrow + 3, line.find(" (", arrow) - arrow - 3);
    std::string name = fs::path(path).filename().string();
    // The C library's own parts must match the image's loader: never shipped.
    bool libc = false;
    for (const char* c : {"libc.so", "libm.so", "libpthread.so", "libdl.so", "librt.so", "ld-linux", "libresolv.so"})
      libc = libc || name.rfind(c, 0) == 0;
    if (!libc) libs.push_back(path);
  }
  return libs;
}

std::vector<std::string> write_package_dir(const PackageSpec& spec, const std::string& dir) {
  const fs::path root(dir);
  std::error_code ec;
  if (fs::exists(root) && !fs::is_empty(root, ec)) throw std::runtime_error(dir + " exists and is not empty");
  fs::create_directories(root, ec);
  if (ec) throw std::runtime_error("cannot create " + dir + ": " + ec.message());
  const std::string rubric_file = fs::path(spec.rubric).filename().string();
  std::vector<std::pair<std::string, std::string>> copies = {
      {spec.grader, "bin/sts-grader"},
      {spec.kubectl, "bin/kubectl"},
      {spec.rubric, "share/sts-grader/rubrics/" + rubric_file},
      {spec.scenario, "share/sts-grader/scenarios/" + fs::path(spec.scenario).filename().string()},
  };
  if (!spec.helm.empty()) copies.emplace_back(spec.helm, "bin/helm");
  for (const std::string& lib : spec.libraries) copies.emplace_back(lib, "lib/" + fs::path(lib).filename().string());
  std::vector<std::string> written;
  for (const auto& [from, to] : copies) {
    copy_into(from, root / to, to.rfind("bin/", 0) == 0);
    written.push_back(to);
  }
  copy_into(spec.kubeconfig, root / "kubeconfig", false);
  fs::permissions(root / "kubeconfig", fs::perms(0600), ec);  // credentials
  written.push_back("kubeconfig");
  write_text(root / "setup.sh", package_setup_sh(), true);
  write_text(root / "run_autograder", package_run_autograder(rubric_file, spec.context, !spec.helm.empty()), true);
  written.insert(written.begin(), {"setup.sh", "run_autograder"});
  return written;
}

std::vector<std::string> write_package(const PackageSpec& spec, const std::string& out) {
  const bool zip = out.size() > 4 && out.substr(out.size() - 4) == ".zip";
  const std::string dir = zip ? out.substr(0, out.size() - 4) + ".d" : out;
  std::vector<std::string> files = write_package_dir(spec, dir);
  if (!zip) return files;
  std::error_code ec;
  fs::remove(out, ec);
  const std::string target = fs::absolute(out).string();
  // Gradescope wants setup.sh and run_autograder at the archive's root.
  ProcessResult r = find_program("zip").empty()
                        ? run_process({"python3", "-c",
                                       "import os,sys,zipfile\n"
                                       "z=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED)\n"
                                       "os.chdir(sys.argv[2])\n"
                                       "[z.write(os.path.join(d,f)) for d,_,fs in os.walk('.') for f in fs]\n"
                                       "z.close()",
                                       target, dir},
                                      "", std::chrono::minutes(2))
                        : run_process({"sh", "-c", "cd \"$1\" && zip -qr \"$2\" .", "sh", dir, target}, "",
                                      std::chrono::minutes(2));
  if (r.exit_code != 0) throw std::runtime_error("cannot write " + out + ": " + r.err + r.error);
  fs::remove_all(dir, ec);
  return files;
}

}  // namespace sts
