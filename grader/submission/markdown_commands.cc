// §5 of docs/submission-discovery.md: the helm and cd commands a student wrote
// in fenced code blocks of their Markdown, resolved against the repository.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "grader/submission/discovery.h"

namespace fs = std::filesystem;

namespace sts::discovery {
namespace {

// §5.1 bounds.
constexpr size_t kMaxFiles = 200;
constexpr size_t kMaxBytesPerFile = 1 << 20;
constexpr size_t kMaxCommands = 100;

// ---- §5.1: fenced code blocks ----------------------------------------------

struct PhysicalLine {
  std::string text;
  int number = 0;  // 1-based line of the Markdown file
};
using Block = std::vector<PhysicalLine>;

std::string read_prefix(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string text(kMaxBytesPerFile, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return text;
}

bool blank(char c) { return c == ' ' || c == '\t'; }

std::string trim_blanks(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && blank(s[b])) ++b;
  while (e > b && blank(s[e - 1])) --e;
  return s.substr(b, e - b);
}

struct Fence {
  char mark = 0;  // '`' or '~'
  size_t length = 0;
};

// A run of three or more ` or ~ opening the (trimmed) line. Indentation is
// allowed at any depth: students indent fences inside list items.
std::optional<Fence> fence_of(const std::string& trimmed) {
  if (trimmed.empty() || (trimmed[0] != '`' && trimmed[0] != '~')) return std::nullopt;
  Fence f{trimmed[0], trimmed.find_first_not_of(trimmed[0])};
  if (f.length == std::string::npos) f.length = trimmed.size();
  if (f.length < 3) return std::nullopt;
  return f;
}

// The fenced blocks' inner lines; an unclosed fence runs to the end (CommonMark).
std::vector<Block> fenced_blocks(const std::string& text) {
  std::vector<Block> blocks;
  std::optional<Fence> open;
  size_t start = 0;
  for (int number = 1; start < text.size(); ++number) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string trimmed = trim_blanks(line);
    std::optional<Fence> f = fence_of(trimmed);
    if (!open) {
      // A backtick fence's info string may not hold a backtick.
      if (f && (f->mark == '~' || trimmed.find('`', f->length) == std::string::npos)) {
        open = f;
        blocks.emplace_back();
      }
    } else if (f && f->mark == open->mark && f->length >= open->length && f->length == trimmed.size()) {
      open.reset();
    } else {
      blocks.back().push_back({line, number});
    }
  }
  return blocks;
}

// ---- §5.2: lines into commands ----------------------------------------------

// One logical line: continuations joined, each character's physical line kept
// so a command's `at` names the line of its command word.
struct LogicalLine {
  std::string text;
  std::vector<int> line_of;
};

void append(LogicalLine& l, const std::string& s, int number) {
  l.text += s;
  l.line_of.insert(l.line_of.end(), s.size(), number);
}

std::vector<LogicalLine> join_continuations(const Block& block) {
  std::vector<LogicalLine> out;
  bool continued = false;
  for (const PhysicalLine& p : block) {
    if (!continued) out.emplace_back();
    std::string s = p.text;
    while (!s.empty() && blank(s.back())) s.pop_back();
    continued = !s.empty() && s.back() == '\\';
    if (continued) s.back() = ' ';  // the `\` dropped, one space
    append(out.back(), s, p.number);
  }
  return out;
}

// Where the command text starts: after leading blanks and one `$ ` / `% ` prompt.
size_t command_start(const std::string& s) {
  size_t i = 0;
  while (i < s.size() && blank(s[i])) ++i;
  if (s.compare(i, 2, "$ ") == 0 || s.compare(i, 2, "% ") == 0) i += 2;
  return i;
}

struct Token {
  std::string text;
  bool expands = false;  // the shell would expand it ($, `, *, ?, leading ~)
  int line = 0;
};
using Command = std::vector<Token>;

// A POSIX-sh-like scanner of one logical line into commands: quotes, escapes,
// comments, the separators && || ; | &, and redirections (dropped with their
// target, so `helm template … > out.yaml` keeps two positionals).
class Scanner {
 public:
  explicit Scanner(const LogicalLine& l) : l_(l), i_(command_start(l.text)) {}

  std::vector<Command> commands() {
    const std::string& s = l_.text;
    while (i_ < s.size()) {
      char c = s[i_];
      if (blank(c)) {
        end_token();
        ++i_;
      } else if (c == '#' && !in_token_) {
        break;  // a comment: at a word's start, unquoted
      } else if (c == '<' || c == '>' || (c == '&' && s.compare(i_, 2, "&>") == 0)) {
        redirection();
      } else if (c == '&' || c == '|' || c == ';') {
        end_command();
        i_ += (i_ + 1 < s.size() && s[i_ + 1] == c && c != ';') ? 2 : 1;
      } else {
        word_char();
      }
    }
    end_command();
    return std::move(commands_);
  }

 private:
  void start_token() {
    if (!in_token_) token_.line = l_.line_of[i_];
    in_token_ = true;
  }

  void word_char() {
    const std::string& s = l_.text;
    char c = s[i_];
    if (c == '~' && !in_token_) token_.expands = true;
    start_token();
    if (c == '\'') {
      size_t close = s.find('\'', i_ + 1);
      if (close == std::string::npos) close = s.size();
      token_.text += s.substr(i_ + 1, close - i_ - 1);
      i_ = close + 1;
    } else if (c == '"') {
      double_quoted();
    } else if (c == '\\') {
      if (i_ + 1 < s.size()) token_.text += s[i_ + 1];
      i_ += 2;
    } else {
      if (c == '$' || c == '`' || c == '*' || c == '?') token_.expands = true;
      token_.text += c;
      ++i_;
    }
  }

  // "…": \" \\ \$ \` escape; $ and ` still expand; * ? do not.
  void double_quoted() {
    const std::string& s = l_.text;
    for (++i_; i_ < s.size() && s[i_] != '"'; ++i_) {
      char c = s[i_];
      if (c == '\\' && i_ + 1 < s.size() && std::string_view("\"\\$`").find(s[i_ + 1]) != std::string_view::npos) {
        token_.text += s[++i_];
        continue;
      }
      if (c == '$' || c == '`') token_.expands = true;
      token_.text += c;
    }
    ++i_;
  }

  // [n]>, >>, >&, >|, <, <<, <&, <>, &>: the operator and its target word go
  // (for >&- the target is "-", for <<-EOF it is "-EOF").
  void redirection() {
    const std::string& s = l_.text;
    bool io_number = in_token_ && !token_.text.empty() &&
                     std::all_of(token_.text.begin(), token_.text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (io_number) {
      token_ = {};
      in_token_ = false;
    }
    end_token();
    if (s[i_] == '&') ++i_;
    ++i_;
    while (i_ < s.size() && std::string_view("<>&|").find(s[i_]) != std::string_view::npos) ++i_;
    drop_next_ = true;
  }

  void end_token() {
    if (!in_token_) return;
    if (drop_next_) {
      drop_next_ = false;
    } else {
      command_.push_back(std::move(token_));
    }
    token_ = {};
    in_token_ = false;
  }

  void end_command() {
    end_token();
    drop_next_ = false;
    if (!command_.empty()) commands_.push_back(std::move(command_));
    command_.clear();
  }

  const LogicalLine& l_;
  size_t i_;
  Token token_;
  bool in_token_ = false;
  bool drop_next_ = false;
  Command command_;
  std::vector<Command> commands_;
};

bool is_assignment(const std::string& t) {
  size_t eq = t.find('=');
  if (eq == 0 || eq == std::string::npos) return false;
  if (t[0] >= '0' && t[0] <= '9') return false;
  return std::all_of(t.begin(), t.begin() + static_cast<long>(eq),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// ---- paths ------------------------------------------------------------------

// base/token made relative to R without "." or ".."; nullopt when it leaves R
// or is absolute (R's own location on the student's machine is unknown).
std::optional<std::string> normalize(const std::string& base, const std::string& token) {
  if (token.starts_with('/')) return std::nullopt;
  std::vector<std::string> parts;
  for (const std::string& piece : {base, token}) {
    size_t start = 0;
    while (start <= piece.size()) {
      size_t end = std::min(piece.find('/', start), piece.size());
      std::string c = piece.substr(start, end - start);
      start = end + 1;
      if (c.empty() || c == ".") continue;
      if (c != "..") {
        parts.push_back(c);
      } else if (parts.empty()) {
        return std::nullopt;
      } else {
        parts.pop_back();
      }
    }
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  return out.empty() ? "." : out;
}

std::string folder_of(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

std::string last_component(std::string token) {
  while (token.size() > 1 && token.back() == '/') token.pop_back();
  return token.substr(token.rfind('/') + 1);
}

// What one Markdown code block resolves against.
struct Scope {
  const std::string& root;
  const std::string& file;  // the Markdown file
  const std::vector<AppChart>& charts;
  std::optional<std::string> folder = ".";  // after `cd`; nullopt: unknown

  // error_code overloads: a student's token (too long, say) must not throw.
  bool is_dir(const std::string& rel) const {
    std::error_code ec;
    return fs::is_directory(fs::path(root) / rel, ec);
  }
  bool is_file(const std::string& rel) const {
    std::error_code ec;
    return fs::is_regular_file(fs::path(root) / rel, ec);
  }

  // The folders a chart token is tried in (§5.4): the block's, R, the file's.
  std::vector<std::string> chart_bases() const {
    std::vector<std::string> b;
    if (folder) b.push_back(*folder);
    b.push_back(".");
    b.push_back(folder_of(file));
    return b;
  }
};

// `cd DIR`: relative to the current folder; unknown for `cd`, `cd -`, a folder
// outside R or one that is not there (the shell would not be in it).
std::optional<std::string> change_folder(const Scope& s, const std::vector<std::string>& args) {
  if (!s.folder || args.size() != 1 || args[0] == "-") return std::nullopt;
  std::optional<std::string> p = normalize(*s.folder, args[0]);
  if (!p || !s.is_dir(*p)) return std::nullopt;
  return p;
}

// ---- §5.3: helm flags ---------------------------------------------------------

struct Flag {
  std::string name;   // long name without "--"
  std::string value;  // "true" for a boolean given bare
};

struct HelmArgs {
  std::vector<std::string> positionals;  // the verb first
  std::vector<Flag> flags;

  bool has(const std::string& name) const {
    return std::any_of(flags.begin(), flags.end(), [&](const Flag& f) { return f.name == name; });
  }
  // A boolean as pflag reads it (strconv.ParseBool), the last one winning.
  bool on(const std::string& name) const {
    static const std::set<std::string> kTrue{"1", "t", "T", "true", "TRUE", "True"};
    for (auto f = flags.rbegin(); f != flags.rend(); ++f)
      if (f->name == name) return kTrue.contains(f->value);
    return false;
  }
};

// From `helm install|upgrade|template --help` of v3.21.4 (§5.3). --dry-run is
// not here: it takes a value only as --dry-run=X (H25).
const std::set<std::string> kValueFlags{
    "values", "set", "set-string", "set-file", "set-json", "set-literal", "namespace", "timeout",
    "version", "repo", "username", "password", "ca-file", "cert-file", "key-file", "keyring",
    "description", "name-template", "labels", "output", "output-dir", "api-versions",
    "kube-version", "show-only", "history-max", "post-renderer", "post-renderer-args",
    "burst-limit", "qps", "kube-apiserver", "kube-as-group", "kube-as-user", "kube-ca-file",
    "kube-context", "kube-tls-server-name", "kube-token", "kubeconfig", "registry-config",
    "repository-cache", "repository-config"};

std::string long_name(char shorthand) {
  switch (shorthand) {
    case 'f': return "values";
    case 'n': return "namespace";
    case 'l': return "labels";
    case 'o': return "output";
    case 'a': return "api-versions";
    case 's': return "show-only";
    case 'g': return "generate-name";
    case 'i': return "install";
    default: return std::string(1, shorthand);  // unknown: a boolean
  }
}

// `-abc`, `-fvalue`, `-f=value`, `-f value` as pflag reads shorthands; returns
// the index of the last argument consumed.
size_t parse_shorthands(const std::vector<std::string>& args, size_t i, std::vector<Flag>& flags) {
  const std::string& a = args[i];
  for (size_t k = 1; k < a.size(); ++k) {
    std::string name = long_name(a[k]);
    std::string rest = a.substr(k + 1);
    bool takes_value = kValueFlags.contains(name);
    if (!takes_value && !rest.starts_with('=')) {
      flags.push_back({name, "true"});
      continue;
    }
    if (rest.starts_with('=')) rest.erase(0, 1);
    else if (rest.empty() && i + 1 < args.size()) rest = args[++i];
    flags.push_back({name, rest});
    break;
  }
  return i;
}

HelmArgs parse_helm(const std::vector<std::string>& args) {
  HelmArgs h;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      h.positionals.insert(h.positionals.end(), args.begin() + static_cast<long>(i) + 1, args.end());
      break;
    }
    if (a.starts_with("--")) {
      size_t eq = a.find('=');
      std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
      if (eq != std::string::npos) h.flags.push_back({name, a.substr(eq + 1)});
      else if (!kValueFlags.contains(name)) h.flags.push_back({name, "true"});
      else h.flags.push_back({name, i + 1 < args.size() ? args[++i] : ""});
    } else if (a.size() > 1 && a[0] == '-') {
      i = parse_shorthands(args, i, h.flags);
    } else {
      h.positionals.push_back(a);
    }
  }
  return h;
}

// The verb as listed: `upgrade --install`, a command group with its
// subcommand (`dependency update`, `repo add`), `dep` spelled out.
std::string verb_of(const HelmArgs& h) {
  static const std::set<std::string> kGroups{"dependency", "repo", "plugin", "registry", "get", "show", "search"};
  if (h.positionals.empty()) return "";
  std::string verb = h.positionals[0] == "dep" ? "dependency" : h.positionals[0];
  if (verb == "upgrade" && h.on("install")) return "upgrade --install";
  if (kGroups.contains(verb) && h.positionals.size() > 1) return verb + " " + h.positionals[1];
  return verb;
}

bool is_render(const std::string& verb) {
  return verb == "install" || verb == "upgrade" || verb == "upgrade --install" || verb == "template";
}

// ---- §5.4: resolving ----------------------------------------------------------

// `helm template CHART` and `install -g CHART` give no NAME: release "", and
// §10 names the release after the chart (not helm's "release-name": H22).
struct Positionals {
  std::string release, chart;
  std::string why;  // too-many-arguments | no-chart
};

Positionals split_positionals(const HelmArgs& h, const std::string& verb) {
  std::vector<std::string> args(h.positionals.begin() + 1, h.positionals.end());
  bool generated = verb == "install" && h.on("generate-name");
  size_t takes = generated ? 1 : 2;
  Positionals p;
  if (args.size() > takes) p.why = "too-many-arguments";
  else if (args.empty() || (args.size() == 1 && !generated && verb != "template")) p.why = "no-chart";
  else if (args.size() == 1) p = {"", args[0], ""};
  else p = {args[0], args[1], ""};
  return p;
}

bool is_remote(const std::string& token) {
  return token.starts_with("http://") || token.starts_with("https://");
}

struct ChartRef {
  const AppChart* chart = nullptr;  // nullptr: not in the repository
  bool by_name = false;
};

// `<repo>/<chart>` from `helm repo add`, unless <repo> is one of our folders.
bool repo_reference(const Scope& s, const std::string& token) {
  size_t slash = token.find('/');
  if (slash == 0 || slash == std::string::npos || slash + 1 == token.size()) return false;
  if (token.find('/', slash + 1) != std::string::npos) return false;
  std::string repo = token.substr(0, slash);
  if (repo == "." || repo == "..") return false;
  for (const std::string& base : s.chart_bases()) {
    std::optional<std::string> p = normalize(base, repo);
    if (p && s.is_dir(*p)) return false;
  }
  return true;
}

ChartRef resolve_chart(const Scope& s, const std::string& token) {
  for (const std::string& base : s.chart_bases()) {
    std::optional<std::string> p = normalize(base, token);
    for (const AppChart& c : s.charts)
      if (p && c.path == *p) return {&c, false};
  }
  if (token.starts_with("oci://") || is_remote(token) || token.ends_with(".tgz") || repo_reference(s, token))
    return {};
  std::string name = last_component(token);
  const AppChart* found = nullptr;
  for (const AppChart& c : s.charts) {
    if (last_component(c.path) != name && c.name != name) continue;
    if (found) return {};  // more than one: the name decides nothing
    found = &c;
  }
  return {found, found != nullptr};
}

struct FileRef {
  std::string path;
  std::string why;  // "" found; else the command's ignored reason
};

// A values (or --set-file) file: the block's folder, R, the chart's, the
// Markdown file's; inside R only.
FileRef resolve_file(const Scope& s, const std::string& chart, const std::string& token) {
  if (is_remote(token)) return {"", "remote-values"};
  std::vector<std::string> bases;
  if (s.folder) bases.push_back(*s.folder);
  bases.insert(bases.end(), {".", chart, folder_of(s.file)});
  for (const std::string& base : bases) {
    std::optional<std::string> p = normalize(base, token);
    if (p && s.is_file(*p)) return {*p, ""};
  }
  return {"", "values-file-missing " + token};
}

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t comma; (comma = s.find(',', start)) != std::string::npos; start = comma + 1)
    out.push_back(s.substr(start, comma - start));
  out.push_back(s.substr(start));
  return out;
}

// `--set-file k=path[,k2=path2]` with each path resolved.
FileRef resolve_set_file(const Scope& s, const std::string& chart, const std::string& value) {
  std::string out;
  for (const std::string& pair : split_commas(value)) {
    size_t eq = pair.find('=');
    std::string key = eq == std::string::npos ? "" : pair.substr(0, eq + 1);
    FileRef f = resolve_file(s, chart, pair.substr(key.size()));
    if (!f.why.empty()) return f;
    out += (out.empty() ? "" : ",") + key + f.path;
  }
  return {out, ""};
}

// Fills m from a render verb's arguments. An ignored command keeps only at,
// verb, ignored, and for chart-not-in-repository the chart as written.
void read_render(const HelmArgs& h, const Scope& s, MarkdownCommand& m) {
  Positionals p = split_positionals(h, m.verb);
  if (!p.why.empty()) {
    m.ignored = p.why;
    return;
  }
  if (h.has("post-renderer")) {
    m.ignored = "post-renderer";  // the grader runs no student program
    return;
  }
  ChartRef ref = resolve_chart(s, p.chart);
  if (!ref.chart) {
    m.ignored = "chart-not-in-repository";
    m.chart = p.chart;
    return;
  }
  MarkdownCommand r = m;
  r.chart = ref.chart->path;
  r.chart_by_name = ref.by_name;
  r.release = p.release;
  for (const Flag& f : h.flags) {
    if (f.name == "values") {
      for (const std::string& token : split_commas(f.value)) {  // H17
        FileRef v = resolve_file(s, r.chart, token);
        if (!v.why.empty()) {
          m.ignored = v.why;
          return;
        }
        r.values.push_back(v.path);
      }
    } else if (f.name == "set-file") {
      FileRef v = resolve_set_file(s, r.chart, f.value);
      if (!v.why.empty()) {
        m.ignored = v.why;
        return;
      }
      r.set_file.push_back(v.path);
    } else if (f.name == "set") {
      r.set.push_back(f.value);
    } else if (f.name == "set-string") {
      r.set_string.push_back(f.value);
    } else if (f.name == "set-json") {
      r.set_json.push_back(f.value);
    } else if (f.name == "set-literal") {
      r.set_literal.push_back(f.value);
    } else if (f.name == "namespace") {
      r.namespace_ = f.value;
    }
  }
  m = std::move(r);
}

// A helm or cd command as listed, or nullopt for any other command.
std::optional<MarkdownCommand> interpret(const Command& cmd, Scope& s) {
  auto word = std::find_if(cmd.begin(), cmd.end(), [](const Token& t) { return !is_assignment(t.text); });
  if (word == cmd.end()) return std::nullopt;
  bool helm = word->text == "helm" || word->text.ends_with("/helm");
  if (!helm && word->text != "cd") return std::nullopt;
  MarkdownCommand m;
  m.at = s.file + ":" + std::to_string(word->line);
  std::vector<std::string> args;
  for (auto t = word + 1; t != cmd.end(); ++t) args.push_back(t->text);
  // No variable is guessed: an expansion leaves the command (or the folder) unknown.
  bool expands = std::any_of(cmd.begin(), cmd.end(), [](const Token& t) { return t.expands; });
  if (!helm) {
    m.verb = "cd";
    m.ignored = "changes-folder";
    s.folder = expands ? std::nullopt : change_folder(s, args);
    m.folder = s.folder.value_or("");
    return m;
  }
  HelmArgs h = parse_helm(args);
  m.verb = verb_of(h);
  if (expands) m.ignored = "shell-expansion";
  else if (!is_render(m.verb)) m.ignored = "not-a-render";
  else read_render(h, s, m);
  return m;
}

}  // namespace

std::vector<MarkdownCommand> markdown_commands(const std::string& root,
                                               const std::vector<std::string>& markdown_in_order,
                                               const std::vector<AppChart>& charts) {
  std::vector<MarkdownCommand> out;
  size_t files = std::min(markdown_in_order.size(), kMaxFiles);
  for (size_t f = 0; f < files; ++f) {
    const std::string& file = markdown_in_order[f];
    for (const Block& block : fenced_blocks(read_prefix(fs::path(root) / file))) {
      Scope scope{root, file, charts};  // each block starts at R
      for (const LogicalLine& line : join_continuations(block)) {
        for (const Command& cmd : Scanner(line).commands()) {
          std::optional<MarkdownCommand> m = interpret(cmd, scope);
          if (!m) continue;
          out.push_back(std::move(*m));
          if (out.size() == kMaxCommands) return out;
        }
      }
    }
  }
  return out;
}

}  // namespace sts::discovery
