#include "grader/cluster/kubeconfig.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include <yaml-cpp/yaml.h>

#include "grader/base/json.h"
#include "grader/base/process.h"
#include "grader/base/base64.h"
#include "grader/base/timestamp.h"
#include "grader/base/text.h"

namespace sts {
namespace {

std::string dir_of(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// kubectl resolves relative paths against the directory of the file that
// named them, not the working directory.
std::string resolve(const std::string& dir, const std::string& p) {
  if (p.empty() || p[0] == '/') return p;
  return dir + "/" + p;
}

std::string loc(const std::string& file, const YAML::Node& n) {
  YAML::Mark m = n.Mark();
  if (m.is_null()) return file;
  return file + ":" + std::to_string(m.line + 1);
}

// One named entry (cluster, user or context) and the file that defined it.
struct Entry {
  YAML::Node body;                   // the "cluster:"/"user:"/"context:" map
  std::string file;
  std::string dir;
  std::string where;                 // file:line of the entry
};
using Entries = std::map<std::string, Entry>;

struct Merged {
  std::vector<std::string> files;    // files actually read
  Entries clusters, users, contexts;
  std::string current_context;
};

std::string names(const Entries& m) {
  std::vector<std::string> v;
  for (const auto& [k, _] : m) v.push_back(k);
  return v.empty() ? "none" : join(v, ", ");
}

std::string str_field(const YAML::Node& map, const char* key, const std::string& file) {
  const YAML::Node& body = map;
  YAML::Node n = body[key];
  if (!n || n.IsNull()) return "";
  if (!n.IsScalar())
    throw KubeconfigError(loc(file, n) + ": '" + key + "' must be a string");
  return n.Scalar();
}

bool bool_field(const YAML::Node& map, const char* key, const std::string& file) {
  const YAML::Node& body = map;
  YAML::Node n = body[key];
  if (!n || n.IsNull()) return false;
  try {
    return n.as<bool>();
  } catch (const YAML::Exception&) {
    throw KubeconfigError(loc(file, n) + ": '" + key + "' must be true or false");
  }
}

// Reads clusters/users/contexts of one file into `into`, keeping entries that
// an earlier file already set (kubectl's merge rule).
void merge_named(const YAML::Node& root, const char* list_key, const char* body_key,
                 const std::string& file, Entries& into) {
  YAML::Node list = root[list_key];
  if (!list || list.IsNull()) return;
  if (!list.IsSequence())
    throw KubeconfigError(loc(file, list) + ": '" + list_key + "' must be a list");
  for (const auto& item : list) {
    if (!item.IsMap())
      throw KubeconfigError(loc(file, item) + ": entries of '" + list_key +
                            "' must be maps with 'name' and '" + body_key + "'");
    std::string name = str_field(item, "name", file);
    if (name.empty())
      throw KubeconfigError(loc(file, item) + ": an entry of '" + list_key + "' has no name");
    YAML::Node body = item[body_key];
    if (body && !body.IsNull() && !body.IsMap())
      throw KubeconfigError(loc(file, body) + ": '" + body_key + "' of \"" + name +
                            "\" must be a map");
    if (into.count(name)) continue;  // first file (and first entry) wins
    into[name] = Entry{body ? body : YAML::Node(YAML::NodeType::Map), file, dir_of(file),
                       loc(file, item)};
  }
}

void merge_file(const std::string& path, bool must_exist, Merged& m) {
  YAML::Node root;
  {
    std::ifstream in(path);
    if (!in) {
      if (!must_exist) return;  // kubectl skips missing $KUBECONFIG entries
      throw KubeconfigError("cannot read kubeconfig " + path + ": " + std::strerror(errno));
    }
    try {
      root = YAML::Load(in);
    } catch (const YAML::ParserException& e) {
      throw KubeconfigError(path + ":" + std::to_string(e.mark.line + 1) + ":" +
                            std::to_string(e.mark.column + 1) + ": not valid YAML: " + e.msg);
    }
  }
  m.files.push_back(path);
  if (!root || root.IsNull()) return;  // an empty file is an empty config
  if (!root.IsMap()) throw KubeconfigError(path + ": not a kubeconfig (top level is not a map)");
  merge_named(root, "clusters", "cluster", path, m.clusters);
  merge_named(root, "users", "user", path, m.users);
  merge_named(root, "contexts", "context", path, m.contexts);
  if (m.current_context.empty()) m.current_context = str_field(root, "current-context", path);
}

std::string read_whole(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw KubeconfigError("cannot read " + what + " " + path + ": " + std::strerror(errno));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A "-data" field (base64) if set, else the named file; data wins as in kubectl.
std::string data_or_file(const Entry& e, const char* data_key, const char* file_key,
                         const std::string& owner) {
  std::string data = str_field(e.body, data_key, e.file);
  if (!data.empty()) {
    try {
      return base64_decode(data);
    } catch (const std::invalid_argument& err) {
      throw KubeconfigError(loc(e.file, e.body[data_key]) + ": " + data_key + " of " + owner +
                            " is not valid base64: " + err.what());
    }
  }
  std::string file = str_field(e.body, file_key, e.file);
  if (file.empty()) return "";
  return read_whole(resolve(e.dir, file), std::string(file_key) + " of " + owner + " (" +
                                              e.where + ")");
}

ExecConfig parse_exec(const YAML::Node& n, const Entry& user, const std::string& user_name) {
  const std::string& file = user.file;
  ExecConfig c;
  c.source = loc(file, n);
  std::string owner = "exec plugin of user \"" + user_name + "\" (" + c.source + ")";
  if (!n.IsMap()) throw KubeconfigError(owner + ": 'exec' must be a map");
  c.api_version = str_field(n, "apiVersion", file);
  if (c.api_version != "client.authentication.k8s.io/v1" &&
      c.api_version != "client.authentication.k8s.io/v1beta1")
    throw KubeconfigError(owner + ": apiVersion \"" + c.api_version +
                          "\" is not supported (use client.authentication.k8s.io/v1 or v1beta1)");
  c.command = str_field(n, "command", file);
  if (c.command.empty()) throw KubeconfigError(owner + ": no command");
  // Only a command with a path separator is file-relative; bare names use $PATH.
  if (c.command.find('/') != std::string::npos) c.command = resolve(user.dir, c.command);
  if (YAML::Node args = n["args"]; args && !args.IsNull()) {
    if (!args.IsSequence()) throw KubeconfigError(owner + ": 'args' must be a list");
    for (const auto& a : args) c.args.push_back(a.Scalar());
  }
  if (YAML::Node env = n["env"]; env && !env.IsNull()) {
    if (!env.IsSequence()) throw KubeconfigError(owner + ": 'env' must be a list");
    for (const auto& e : env) {
      if (!e.IsMap()) throw KubeconfigError(loc(file, e) + ": env entries need name and value");
      c.env.emplace_back(str_field(e, "name", file), str_field(e, "value", file));
    }
  }
  c.interactive_mode = str_field(n, "interactiveMode", file);
  if (c.interactive_mode.empty()) {
    if (c.api_version.ends_with("/v1"))  // required in v1, as kubectl insists
      throw KubeconfigError(owner + ": interactiveMode must be set for apiVersion " +
                            c.api_version);
    c.interactive_mode = "IfAvailable";
  }
  if (c.interactive_mode != "Never" && c.interactive_mode != "IfAvailable" &&
      c.interactive_mode != "Always")
    throw KubeconfigError(owner + ": interactiveMode \"" + c.interactive_mode +
                          "\" is not one of Never, IfAvailable, Always");
  c.provide_cluster_info = bool_field(n, "provideClusterInfo", file);
  c.install_hint = str_field(n, "installHint", file);
  return c;
}

}  // namespace

// ---- helpers ---------------------------------------------------------------

// ---- credentials -------------------------------------------------------------

ExecCredential ExecPlugin::get() {
  std::lock_guard<std::mutex> lock(mu_);
  if (cached_ && (!cached_->expires || std::chrono::system_clock::now() < *cached_->expires))
    return *cached_;
  cached_.reset();
  ExecCredential c = run_exec_plugin(cfg_);
  ++runs_;
  cached_ = c;
  return c;
}

void ExecPlugin::invalidate() {
  std::lock_guard<std::mutex> lock(mu_);
  cached_.reset();
}

int ExecPlugin::runs() const {
  std::lock_guard<std::mutex> lock(mu_);
  return runs_;
}

ClientAuth ClusterCredentials::auth() const {
  ClientAuth a{token, client_cert_pem, client_key_pem, username, password};
  if (exec) {
    ExecCredential c = exec->get();
    if (!c.token.empty()) a.token = c.token;
    if (!c.client_cert_pem.empty()) {
      a.client_cert_pem = c.client_cert_pem;
      a.client_key_pem = c.client_key_pem;
    }
  }
  return a;
}

// ---- exec plugins -------------------------------------------------------------

ExecCredential run_exec_plugin(const ExecConfig& cfg, std::chrono::seconds timeout) {
  std::string who = "exec plugin \"" + cfg.command + "\" (" + cfg.source + ")";
  bool interactive = cfg.interactive_mode != "Never" && ::isatty(STDIN_FILENO);
  if (cfg.interactive_mode == "Always" && !interactive)
    throw KubeconfigError(who + " needs an interactive terminal (interactiveMode: Always), "
                          "but stdin is not a terminal");

  Json info = {{"apiVersion", cfg.api_version},
               {"kind", "ExecCredential"},
               {"spec", {{"interactive", interactive}}}};
  if (!cfg.cluster_info.empty()) info["spec"]["cluster"] = Json::parse(cfg.cluster_info);

  const std::string exe = find_program(cfg.command);
  if (exe.empty() || access(exe.c_str(), F_OK) != 0)
    throw KubeconfigError(who + ": command not found" +
                          (cfg.install_hint.empty() ? "" : "\n" + cfg.install_hint));

  ProcessOptions run;
  for (const auto& [k, v] : cfg.env) run.env[k] = v;
  run.env["KUBERNETES_EXEC_INFO"] = info.dump();
  // Interactive plugins talk to the user on our stdin/stderr, as under kubectl.
  run.interactive = interactive;
  // A plugin that hangs must not hang the grader.
  const auto limit = interactive ? std::chrono::seconds(600) : timeout;
  run.timeout = limit;
  std::vector<std::string> argv{exe};
  argv.insert(argv.end(), cfg.args.begin(), cfg.args.end());
  const ProcessResult r = run_process(argv, run);
  if (!r.error.empty()) throw KubeconfigError(who + ": cannot start: " + r.error);
  if (r.timed_out)
    throw KubeconfigError(who + ": did not finish within " + std::to_string(limit.count()) + " s");
  const std::string& stdout_text = r.out;
  const std::string& stderr_text = r.err;
  auto tail = [](std::string s) {
    s = trim(s);
    if (s.size() > 2000) s = "..." + s.substr(s.size() - 2000);
    return s.empty() ? std::string() : "\n" + s;
  };
  if (r.exit_code != 0)
    throw KubeconfigError(who + " exited with status " + std::to_string(r.exit_code) +
                          tail(stderr_text));

  Json cred;
  try {
    cred = Json::parse(stdout_text);
  } catch (const Json::exception& e) {
    throw KubeconfigError(who + " printed something that is not JSON (" + e.what() + ")" +
                          tail(stdout_text));
  }
  if (str_at(cred, {"kind"}) != "ExecCredential")
    throw KubeconfigError(who + " printed kind \"" + str_at(cred, {"kind"}) +
                          "\", not ExecCredential");
  if (str_at(cred, {"apiVersion"}) != cfg.api_version)
    throw KubeconfigError(who + " answered with apiVersion \"" + str_at(cred, {"apiVersion"}) +
                          "\", but the kubeconfig asks for " + cfg.api_version);
  ExecCredential c;
  c.token = str_at(cred, {"status", "token"});
  c.client_cert_pem = str_at(cred, {"status", "clientCertificateData"});
  c.client_key_pem = str_at(cred, {"status", "clientKeyData"});
  if (c.token.empty() && (c.client_cert_pem.empty() || c.client_key_pem.empty()))
    throw KubeconfigError(who + " returned neither status.token nor clientCertificateData "
                          "with clientKeyData");
  if (c.client_cert_pem.empty() != c.client_key_pem.empty())
    throw KubeconfigError(who + " returned a client certificate without its key (or vice versa)");
  if (std::string exp = str_at(cred, {"status", "expirationTimestamp"}); !exp.empty()) {
    try {
      c.expires = parse_rfc3339(exp);
    } catch (const std::invalid_argument& e) {
      throw KubeconfigError(who + ": bad status.expirationTimestamp: " + e.what());
    }
  }
  return c;
}

// ---- loading -----------------------------------------------------------------

std::vector<std::string> kubeconfig_paths(const KubeconfigSource& src) {
  if (!src.explicit_path.empty()) return {src.explicit_path};
  std::string env;
  if (src.kubeconfig_env) {
    env = *src.kubeconfig_env;
  } else if (const char* e = std::getenv("KUBECONFIG")) {
    env = e;
  }
  std::vector<std::string> out;
  std::stringstream ss(env);
  for (std::string part; std::getline(ss, part, ':');)
    if (!part.empty() && std::find(out.begin(), out.end(), part) == out.end()) out.push_back(part);
  if (!out.empty()) return out;
  std::string home;
  if (src.home) {
    home = *src.home;
  } else if (const char* h = std::getenv("HOME")) {
    home = h;
  }
  return {home + "/.kube/config"};
}

ClusterCredentials load_kubeconfig(const KubeconfigSource& src) {
  std::vector<std::string> paths = kubeconfig_paths(src);
  // Missing files are an error only when named alone (--kubeconfig or the default).
  bool from_env_list = src.explicit_path.empty() && paths.size() > 1;
  Merged m;
  for (const auto& p : paths) merge_file(p, !from_env_list, m);
  std::string files = m.files.empty() ? join(paths, ":") : join(m.files, ":");
  if (m.files.empty()) throw KubeconfigError("none of the kubeconfig files exist: " + files);

  ClusterCredentials c;
  c.kubeconfig = files;
  c.context_name = src.context.empty() ? m.current_context : src.context;
  if (c.context_name.empty())
    throw KubeconfigError("no current-context in " + files + " and no --context given (have: " +
                          names(m.contexts) + ")");
  auto ctx_it = m.contexts.find(c.context_name);
  if (ctx_it == m.contexts.end())
    throw KubeconfigError("context \"" + c.context_name + "\" not found in " + files +
                          " (have: " + names(m.contexts) + ")");
  const Entry& ctx = ctx_it->second;
  c.cluster_name = str_field(ctx.body, "cluster", ctx.file);
  c.user_name = str_field(ctx.body, "user", ctx.file);
  c.namespace_ = str_field(ctx.body, "namespace", ctx.file);
  if (c.cluster_name.empty())
    throw KubeconfigError("context \"" + c.context_name + "\" (" + ctx.where + ") names no cluster");

  auto cl_it = m.clusters.find(c.cluster_name);
  if (cl_it == m.clusters.end())
    throw KubeconfigError("cluster \"" + c.cluster_name + "\" of context \"" + c.context_name +
                          "\" (" + ctx.where + ") not found in " + files + " (have: " +
                          names(m.clusters) + ")");
  const Entry& cl = cl_it->second;
  std::string cl_owner = "cluster \"" + c.cluster_name + "\"";
  c.server = str_field(cl.body, "server", cl.file);
  if (c.server.empty()) throw KubeconfigError(cl_owner + " (" + cl.where + ") has no server");
  while (c.server.size() > 1 && c.server.back() == '/') c.server.pop_back();
  c.ca_pem = data_or_file(cl, "certificate-authority-data", "certificate-authority", cl_owner);
  c.insecure = bool_field(cl.body, "insecure-skip-tls-verify", cl.file);
  c.tls_server_name = str_field(cl.body, "tls-server-name", cl.file);
  c.proxy_url = str_field(cl.body, "proxy-url", cl.file);

  if (c.user_name.empty()) return c;  // anonymous
  auto us_it = m.users.find(c.user_name);
  if (us_it == m.users.end())
    throw KubeconfigError("user \"" + c.user_name + "\" of context \"" + c.context_name + "\" (" +
                          ctx.where + ") not found in " + files + " (have: " + names(m.users) +
                          ")");
  const Entry& us = us_it->second;
  std::string us_owner = "user \"" + c.user_name + "\"";
  c.client_cert_pem = data_or_file(us, "client-certificate-data", "client-certificate", us_owner);
  c.client_key_pem = data_or_file(us, "client-key-data", "client-key", us_owner);
  if (c.client_cert_pem.empty() != c.client_key_pem.empty())
    throw KubeconfigError(us_owner + " (" + us.where + ") has a client " +
                          (c.client_cert_pem.empty() ? "key but no certificate"
                                                     : "certificate but no key"));
  c.token = str_field(us.body, "token", us.file);
  if (std::string tf = str_field(us.body, "tokenFile", us.file); c.token.empty() && !tf.empty())
    c.token = trim(read_whole(resolve(us.dir, tf), "tokenFile of " + us_owner + " (" + us.where + ")"));
  c.username = str_field(us.body, "username", us.file);
  c.password = str_field(us.body, "password", us.file);
  if (YAML::Node ap = us.body["auth-provider"]; ap && !ap.IsNull())
    throw KubeconfigError(us_owner + " (" + loc(us.file, ap) + ") uses an auth-provider (\"" +
                          str_field(ap, "name", us.file) +
                          "\"), which sts-grader does not support: use an exec credential "
                          "plugin instead (e.g. kubelogin, aws eks get-token, gke-gcloud-auth-plugin)");
  if (YAML::Node ex = us.body["exec"]; ex && !ex.IsNull()) {
    ExecConfig cfg = parse_exec(ex, us, c.user_name);
    if (cfg.provide_cluster_info) {
      Json cluster = {{"server", c.server}, {"insecure-skip-tls-verify", c.insecure}};
      if (!c.tls_server_name.empty()) cluster["tls-server-name"] = c.tls_server_name;
      if (!c.ca_pem.empty()) cluster["certificate-authority-data"] = base64_encode(c.ca_pem);
      if (!c.proxy_url.empty()) cluster["proxy-url"] = c.proxy_url;
      cfg.cluster_info = cluster.dump();
    }
    c.exec = std::make_shared<ExecPlugin>(std::move(cfg));
  }
  return c;
}

}  // namespace sts
