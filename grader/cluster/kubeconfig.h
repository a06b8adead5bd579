// Kubeconfig: which API server to talk to and how to authenticate, read the
// way kubectl reads it, so a student's working kubectl setup works here too.
//
// Lookup order: an explicit --kubeconfig path, else $KUBECONFIG (several
// ':'-separated files, merged: the first file to set a key wins, missing files
// are skipped), else ~/.kube/config. File paths inside a file are relative to
// that file's directory.
#pragma once
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace sts {

// Anything wrong with the kubeconfig or its credentials. The message names the
// file (and line when known) and what is wrong.
class KubeconfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// users[].user.exec: a client-go credential plugin.
struct ExecConfig {
  std::string api_version;           // client.authentication.k8s.io/v1 or /v1beta1
  std::string command;               // resolved against the kubeconfig's dir if it has a '/'
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;
  std::string interactive_mode;      // Never, IfAvailable, Always
  bool provide_cluster_info = false;
  std::string install_hint;
  std::string cluster_info;          // spec.cluster JSON when provideClusterInfo, else ""
  std::string source;                // "file:line" of the exec entry, for errors
};

// What a plugin run returned.
struct ExecCredential {
  std::string token;
  std::string client_cert_pem;
  std::string client_key_pem;
  // Absent: valid until the server rejects it.
  std::optional<std::chrono::system_clock::time_point> expires;
};

// Runs a plugin once, with KUBERNETES_EXEC_INFO set. It is interactive (gets
// our stdin/stderr) only when stdin is a terminal and interactiveMode allows.
// Throws KubeconfigError (quoting the plugin's stderr) when it fails, times
// out or prints something that is not an ExecCredential.
ExecCredential run_exec_plugin(const ExecConfig& cfg,
                               std::chrono::seconds timeout = std::chrono::seconds(120));

// Caches a plugin's credential until its expirationTimestamp; shared by every
// copy of the credentials (and so every thread), hence the mutex.
class ExecPlugin {
 public:
  explicit ExecPlugin(ExecConfig cfg) : cfg_(std::move(cfg)) {}
  ExecCredential get();              // runs the plugin when nothing valid is cached
  void invalidate();                 // after a 401: the next get() re-runs it
  int runs() const;                  // how often the plugin ran (tests, diagnostics)
  const ExecConfig& config() const { return cfg_; }

 private:
  ExecConfig cfg_;
  mutable std::mutex mu_;
  std::optional<ExecCredential> cached_;
  int runs_ = 0;
};

// The auth material for one request (static fields merged with a plugin's).
struct ClientAuth {
  std::string token;
  std::string client_cert_pem;
  std::string client_key_pem;
  std::string username, password;
};

struct ClusterCredentials {
  std::string kubeconfig;            // file(s) read, ':'-joined
  std::string context_name, cluster_name, user_name;
  std::string namespace_;            // the context's namespace, "" if unset

  std::string server;                // https://host:port[/prefix]
  std::string ca_pem;                // "" -> the system trust store
  bool insecure = false;             // insecure-skip-tls-verify
  std::string tls_server_name;
  std::string proxy_url;

  std::string client_cert_pem;
  std::string client_key_pem;
  std::string token;                 // token, else tokenFile's content
  std::string username, password;
  std::shared_ptr<ExecPlugin> exec;  // null when the user has no exec plugin

  // Static credentials plus the plugin's current ones (which may run it).
  ClientAuth auth() const;
};

struct KubeconfigSource {
  std::string explicit_path;         // --kubeconfig; wins when set
  std::string context;               // --context; "" -> current-context
  // The environment, overridable for tests; nullopt -> read the real one.
  std::optional<std::string> kubeconfig_env;   // $KUBECONFIG
  std::optional<std::string> home;             // $HOME
};

// The files that would be read, in precedence order.
std::vector<std::string> kubeconfig_paths(const KubeconfigSource& src);

ClusterCredentials load_kubeconfig(const KubeconfigSource& src = {});


}  // namespace sts
