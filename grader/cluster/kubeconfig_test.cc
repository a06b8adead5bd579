#include "grader/cluster/kubeconfig.h"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "grader/base/json.h"

namespace sts {
namespace {

namespace fs = std::filesystem;

class KubeconfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/kubeconfig_test.XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& rel, const std::string& text, bool exec = false) {
    fs::path p = fs::path(dir_) / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    if (exec) fs::permissions(p, fs::perms::owner_all);
    return p.string();
  }
  std::string read(const std::string& rel) {
    std::ifstream in(fs::path(dir_) / rel);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  // Loads only the given file(s) via a fake $KUBECONFIG, never the real env.
  ClusterCredentials load_env(const std::string& env, const std::string& context = "") {
    KubeconfigSource src;
    src.kubeconfig_env = env;
    src.home = dir_ + "/nohome";
    src.context = context;
    return load_kubeconfig(src);
  }
  std::string error_of(const std::string& env, const std::string& context = "") {
    try {
      load_env(env, context);
    } catch (const KubeconfigError& e) {
      return e.what();
    }
    return "(no error)";
  }

  std::string dir_;
};

const char* kTwoContexts = R"(apiVersion: v1
kind: Config
current-context: b
clusters:
- name: c1
  cluster:
    server: https://10.0.0.1:6443/
    certificate-authority-data: LS0tQ0EtLS0K
    tls-server-name: kubernetes.default
- name: c2
  cluster:
    server: https://10.0.0.2:6443
    insecure-skip-tls-verify: true
users:
- name: u1
  user:
    token: tok-1
- name: u2
  user:
    client-certificate-data: LS0tQ0VSVC0tLQo=
    client-key-data: LS0tS0VZLS0tCg==
contexts:
- name: a
  context: {cluster: c1, user: u1, namespace: lab}
- name: b
  context: {cluster: c2, user: u2}
)";

TEST_F(KubeconfigTest, CurrentContextAndDataFields) {
  std::string kc = write("config", kTwoContexts);
  ClusterCredentials c = load_env(kc);
  EXPECT_EQ(c.context_name, "b");
  EXPECT_EQ(c.cluster_name, "c2");
  EXPECT_EQ(c.user_name, "u2");
  EXPECT_EQ(c.server, "https://10.0.0.2:6443");
  EXPECT_TRUE(c.insecure);
  EXPECT_EQ(c.client_cert_pem, "---CERT---\n");
  EXPECT_EQ(c.client_key_pem, "---KEY---\n");
  EXPECT_EQ(c.token, "");
  EXPECT_EQ(c.namespace_, "");
  EXPECT_EQ(c.kubeconfig, kc);
}

TEST_F(KubeconfigTest, ExplicitContext) {
  std::string kc = write("config", kTwoContexts);
  ClusterCredentials c = load_env(kc, "a");
  EXPECT_EQ(c.server, "https://10.0.0.1:6443");  // trailing '/' dropped
  EXPECT_EQ(c.ca_pem, "---CA---\n");
  EXPECT_EQ(c.tls_server_name, "kubernetes.default");
  EXPECT_FALSE(c.insecure);
  EXPECT_EQ(c.token, "tok-1");
  EXPECT_EQ(c.namespace_, "lab");
  EXPECT_EQ(c.auth().token, "tok-1");
}

TEST_F(KubeconfigTest, ExplicitPathWinsOverEnv) {
  std::string kc = write("config", kTwoContexts);
  KubeconfigSource src;
  src.explicit_path = kc;
  src.kubeconfig_env = dir_ + "/does-not-exist";
  EXPECT_EQ(load_kubeconfig(src).context_name, "b");
  EXPECT_EQ(kubeconfig_paths(src), std::vector<std::string>{kc});
}

TEST_F(KubeconfigTest, HomeDefault) {
  write("home/.kube/config", kTwoContexts);
  KubeconfigSource src;
  src.kubeconfig_env = "";
  src.home = dir_ + "/home";
  EXPECT_EQ(kubeconfig_paths(src), std::vector<std::string>{dir_ + "/home/.kube/config"});
  EXPECT_EQ(load_kubeconfig(src).server, "https://10.0.0.2:6443");
}

TEST_F(KubeconfigTest, MissingContextNamesFileAndAlternatives) {
  std::string kc = write("config", kTwoContexts);
  EXPECT_EQ(error_of(kc, "foo"), "context \"foo\" not found in " + kc + " (have: a, b)");
}

TEST_F(KubeconfigTest, MissingExplicitFile) {
  KubeconfigSource src;
  src.explicit_path = dir_ + "/nope";
  try {
    load_kubeconfig(src);
    FAIL() << "no error";
  } catch (const KubeconfigError& e) {
    EXPECT_NE(std::string(e.what()).find(dir_ + "/nope"), std::string::npos) << e.what();
  }
}

TEST_F(KubeconfigTest, MergeFirstFileWins) {
  std::string first = write("one/config", R"(
current-context: x
clusters:
- name: shared
  cluster: {server: https://first:1}
users:
- name: me
  user: {token: first-token}
contexts:
- name: x
  context: {cluster: shared, user: me}
)");
  std::string second = write("two/config", R"(
current-context: y
clusters:
- name: shared
  cluster: {server: https://second:2}
- name: only-second
  cluster: {server: https://second-only:3}
users:
- name: me
  user: {token: second-token}
contexts:
- name: x
  context: {cluster: only-second, user: me}
- name: y
  context: {cluster: only-second, user: me, namespace: from-second}
)");
  std::string env = first + ":" + dir_ + "/missing-is-skipped:" + second;
  ClusterCredentials c = load_env(env);
  EXPECT_EQ(c.context_name, "x");             // first file's current-context
  EXPECT_EQ(c.server, "https://first:1");     // first file's context and cluster
  EXPECT_EQ(c.token, "first-token");
  EXPECT_EQ(c.kubeconfig, first + ":" + second);
  ClusterCredentials y = load_env(env, "y");  // entries only the second file has
  EXPECT_EQ(y.server, "https://second-only:3");
  EXPECT_EQ(y.token, "first-token");          // user "me" still from the first file
  EXPECT_EQ(y.namespace_, "from-second");

  // Reversed order: the second file now wins everywhere.
  ClusterCredentials r = load_env(second + ":" + first);
  EXPECT_EQ(r.context_name, "y");
  EXPECT_EQ(r.token, "second-token");
}

TEST_F(KubeconfigTest, CurrentContextFromLaterFileWhenFirstHasNone) {
  std::string first = write("a", "clusters:\n- name: c\n  cluster: {server: https://a}\n");
  std::string second = write("b", R"(current-context: k
contexts:
- name: k
  context: {cluster: c}
)");
  ClusterCredentials c = load_env(first + ":" + second);
  EXPECT_EQ(c.context_name, "k");
  EXPECT_EQ(c.server, "https://a");
  EXPECT_EQ(c.user_name, "");
}

TEST_F(KubeconfigTest, RelativeFilesResolveAgainstKubeconfigDir) {
  write("kc/pki/ca.crt", "CA-FROM-FILE");
  write("kc/pki/client.crt", "CERT-FROM-FILE");
  write("kc/pki/client.key", "KEY-FROM-FILE");
  write("kc/token", "  file-token\n");
  std::string kc = write("kc/config", R"(current-context: c
clusters:
- name: c
  cluster:
    server: https://h:6443
    certificate-authority: pki/ca.crt
users:
- name: u
  user:
    client-certificate: pki/client.crt
    client-key: pki/client.key
    tokenFile: token
contexts:
- name: c
  context: {cluster: c, user: u}
)");
  ClusterCredentials c = load_env(kc);  // cwd is not dir_, so only dir resolution works
  EXPECT_EQ(c.ca_pem, "CA-FROM-FILE");
  EXPECT_EQ(c.client_cert_pem, "CERT-FROM-FILE");
  EXPECT_EQ(c.client_key_pem, "KEY-FROM-FILE");
  EXPECT_EQ(c.token, "file-token");
}

TEST_F(KubeconfigTest, DataWinsOverFile) {
  write("ca.crt", "CA-FROM-FILE");
  std::string kc = write("config", R"(current-context: c
clusters:
- name: c
  cluster:
    server: https://h
    certificate-authority: ca.crt
    certificate-authority-data: REFUQQ==
contexts:
- name: c
  context: {cluster: c}
)");
  EXPECT_EQ(load_env(kc).ca_pem, "DATA");
}

TEST_F(KubeconfigTest, MissingReferencedFileIsNamed) {
  std::string kc = write("config", R"(current-context: c
clusters:
- name: c
  cluster: {server: https://h, certificate-authority: nope/ca.crt}
contexts:
- name: c
  context: {cluster: c}
)");
  std::string err = error_of(kc);
  EXPECT_NE(err.find(dir_ + "/nope/ca.crt"), std::string::npos) << err;
  EXPECT_NE(err.find("cluster \"c\""), std::string::npos) << err;
}

TEST_F(KubeconfigTest, ErrorsCarryLineNumbers) {
  std::string bad_yaml = write("bad", "clusters:\n- name: c\n  cluster: {server: [\n");
  EXPECT_NE(error_of(bad_yaml).find(bad_yaml + ":"), std::string::npos) << error_of(bad_yaml);

  std::string bad_b64 = write("b64", R"(current-context: c
clusters:
- name: c
  cluster:
    server: https://h
    certificate-authority-data: "!!!"
contexts:
- name: c
  context: {cluster: c}
)");
  std::string err = error_of(bad_b64);
  EXPECT_NE(err.find(bad_b64 + ":6"), std::string::npos) << err;
  EXPECT_NE(err.find("base64"), std::string::npos) << err;

  std::string no_server = write("nos", "current-context: c\nclusters:\n- name: c\n  cluster: {}\n"
                                       "contexts:\n- name: c\n  context: {cluster: c}\n");
  EXPECT_EQ(error_of(no_server), "cluster \"c\" (" + no_server + ":3) has no server");
}

TEST_F(KubeconfigTest, MissingUserAndNoCurrentContext) {
  std::string kc = write("config", R"(clusters:
- name: c
  cluster: {server: https://h}
contexts:
- name: c
  context: {cluster: c, user: ghost}
)");
  EXPECT_EQ(error_of(kc), "no current-context in " + kc + " and no --context given (have: c)");
  std::string err = error_of(kc, "c");
  EXPECT_NE(err.find("user \"ghost\""), std::string::npos) << err;
  EXPECT_NE(err.find("(have: none)"), std::string::npos) << err;
}

// An exec plugin that records its runs, args, env and KUBERNETES_EXEC_INFO.
std::string plugin_script(const std::string& dir, const std::string& expiry) {
  return "#!/bin/sh\n"
         "n=$(cat " + dir + "/runs 2>/dev/null || echo 0); n=$((n+1)); echo $n > " + dir + "/runs\n"
         "echo \"$KUBERNETES_EXEC_INFO\" > " + dir + "/exec_info\n"
         "echo \"$@ $PLUGIN_GREETING\" > " + dir + "/argv\n"
         "cat <<EOF\n"
         "{\"apiVersion\": \"client.authentication.k8s.io/v1\", \"kind\": \"ExecCredential\",\n"
         " \"status\": {\"token\": \"exec-token-$n\", \"expirationTimestamp\": \"" + expiry + "\"}}\n"
         "EOF\n";
}

std::string exec_kubeconfig(const std::string& command, const std::string& api = "v1") {
  return R"(current-context: c
clusters:
- name: c
  cluster:
    server: https://h:6443
    certificate-authority-data: REFUQQ==
users:
- name: u
  user:
    token: static-token
    exec:
      apiVersion: client.authentication.k8s.io/)" + api + R"(
      command: )" + command + R"(
      args: [get-token, --cluster, demo]
      env:
      - name: PLUGIN_GREETING
        value: hello
      interactiveMode: Never
      provideClusterInfo: true
contexts:
- name: c
  context: {cluster: c, user: u}
)";
}

TEST_F(KubeconfigTest, ExecPluginRunsWithInfoArgsAndEnv) {
  write("kc/bin/plugin", plugin_script(dir_, "2999-01-01T00:00:00Z"), true);
  std::string kc = write("kc/config", exec_kubeconfig("./bin/plugin"));  // relative: kc dir
  ClusterCredentials c = load_env(kc);
  ASSERT_NE(c.exec, nullptr);
  EXPECT_EQ(c.exec->runs(), 0);  // loading does not run it
  EXPECT_EQ(c.auth().token, "exec-token-1");  // the plugin's token beats the static one
  EXPECT_EQ(c.auth().token, "exec-token-1");  // cached: not expired
  EXPECT_EQ(c.exec->runs(), 1);
  EXPECT_EQ(read("argv"), "get-token --cluster demo hello\n");
  Json info = Json::parse(read("exec_info"));
  EXPECT_EQ(info["apiVersion"], "client.authentication.k8s.io/v1");
  EXPECT_EQ(info["kind"], "ExecCredential");
  EXPECT_EQ(info["spec"]["interactive"], false);
  EXPECT_EQ(info["spec"]["cluster"]["server"], "https://h:6443");
  EXPECT_EQ(info["spec"]["cluster"]["certificate-authority-data"], "REFUQQ==");

  c.exec->invalidate();  // as after a 401
  EXPECT_EQ(c.auth().token, "exec-token-2");
}

TEST_F(KubeconfigTest, ExecPluginRerunsWhenExpired) {
  write("plugin", plugin_script(dir_, "2001-01-01T00:00:00Z"), true);
  ClusterCredentials c = load_env(write("config", exec_kubeconfig(dir_ + "/plugin")));
  EXPECT_EQ(c.auth().token, "exec-token-1");
  EXPECT_EQ(c.auth().token, "exec-token-2");
  EXPECT_EQ(c.exec->runs(), 2);
}

TEST_F(KubeconfigTest, ExecPluginClientCertificate) {
  write("plugin", R"(#!/bin/sh
echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential",
 "status":{"clientCertificateData":"CERT","clientKeyData":"KEY"}}'
)", true);
  ClusterCredentials c = load_env(write("config", exec_kubeconfig(dir_ + "/plugin", "v1beta1")));
  ClientAuth a = c.auth();
  EXPECT_EQ(a.client_cert_pem, "CERT");
  EXPECT_EQ(a.client_key_pem, "KEY");
  EXPECT_EQ(a.token, "static-token");
}

TEST_F(KubeconfigTest, ExecPluginFailureQuotesStderr) {
  write("plugin", "#!/bin/sh\necho 'token expired, run login' >&2\nexit 3\n", true);
  ClusterCredentials c = load_env(write("config", exec_kubeconfig(dir_ + "/plugin")));
  try {
    c.auth();
    FAIL() << "no error";
  } catch (const KubeconfigError& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("exited with status 3"), std::string::npos) << msg;
    EXPECT_NE(msg.find("token expired, run login"), std::string::npos) << msg;
  }
}

TEST_F(KubeconfigTest, ExecPluginWrongApiVersionOrGarbage) {
  write("plugin", "#!/bin/sh\necho not json\n", true);
  ClusterCredentials c = load_env(write("config", exec_kubeconfig(dir_ + "/plugin")));
  EXPECT_THROW(c.auth(), KubeconfigError);
  write("plugin2", "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\","
                   "\"kind\":\"ExecCredential\",\"status\":{\"token\":\"t\"}}'\n", true);
  ClusterCredentials c2 = load_env(write("config2", exec_kubeconfig(dir_ + "/plugin2")));
  EXPECT_THROW(c2.auth(), KubeconfigError);  // asked for v1, got v1beta1
}

TEST_F(KubeconfigTest, ExecPluginTimeout) {
  write("plugin", "#!/bin/sh\nexec sleep 30\n", true);
  ExecConfig cfg;
  cfg.api_version = "client.authentication.k8s.io/v1";
  cfg.command = dir_ + "/plugin";
  cfg.interactive_mode = "Never";
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_THROW(run_exec_plugin(cfg, std::chrono::seconds(1)), KubeconfigError);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10));
}

TEST_F(KubeconfigTest, ExecPluginNotFoundShowsInstallHint) {
  std::string kc = write("config", exec_kubeconfig("no-such-plugin-xyz") +
                                       "");
  ClusterCredentials c = load_env(kc);
  try {
    c.auth();
    FAIL() << "no error";
  } catch (const KubeconfigError& e) {
    EXPECT_NE(std::string(e.what()).find("not found"), std::string::npos) << e.what();
  }
}

TEST_F(KubeconfigTest, ExecV1NeedsInteractiveMode) {
  std::string text = exec_kubeconfig("/bin/true");
  text.replace(text.find("      interactiveMode: Never\n"), 28, "");
  std::string err = error_of(write("config", text));
  EXPECT_NE(err.find("interactiveMode"), std::string::npos) << err;
}

TEST_F(KubeconfigTest, AuthProviderIsRejectedClearly) {
  std::string kc = write("config", R"(current-context: c
clusters:
- name: c
  cluster: {server: https://h}
users:
- name: u
  user:
    auth-provider: {name: oidc}
contexts:
- name: c
  context: {cluster: c, user: u}
)");
  std::string err = error_of(kc);
  EXPECT_NE(err.find("auth-provider"), std::string::npos) << err;
  EXPECT_NE(err.find("oidc"), std::string::npos) << err;
}

}  // namespace
}  // namespace sts
