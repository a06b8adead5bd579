#include "grader/lint/lint_catalog.h"
#include "source_paths.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace sts {
namespace {

TEST(LintCatalog, EveryRuleHasAnIdSeverityTextAndLab) {
  std::set<std::string> ids;
  for (const LintRuleInfo& r : lint_rules()) {
    EXPECT_TRUE(ids.insert(r.id).second) << "duplicate " << r.id;
    EXPECT_TRUE(r.severity == "error" || r.severity == "warning" || r.severity == "info") << r.id;
    EXPECT_FALSE(r.what.empty()) << r.id;
    EXPECT_FALSE(r.lab.empty()) << r.id;
    EXPECT_EQ(find_lint_rule(r.id), &r);
  }
  EXPECT_EQ(find_lint_rule("no-such-rule"), nullptr);
}

// docs/lint-rules.md has one table row per rule, with the same default severity.
TEST(LintCatalog, DocsListEveryRule) {
  const std::string path = STS_SOURCE_DIR "/docs/lint-rules.md";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "docs/lint-rules.md";
  std::stringstream text;
  text << in.rdbuf();
  std::map<std::string, std::string> documented;
  static const std::regex kRow(R"(\n\| `([a-z-]+)` \| (error|warning|info) \|)");
  const std::string doc = text.str();
  for (auto it = std::sregex_iterator(doc.begin(), doc.end(), kRow); it != std::sregex_iterator(); ++it)
    documented[(*it)[1].str()] = (*it)[2].str();
  for (const LintRuleInfo& r : lint_rules()) {
    ASSERT_TRUE(documented.count(r.id)) << r.id << " is not in docs/lint-rules.md";
    EXPECT_EQ(documented[r.id], r.severity) << r.id;
  }
  EXPECT_EQ(documented.size(), lint_rules().size()) << "docs/lint-rules.md lists a rule the catalog lacks";
}

}  // namespace
}  // namespace sts
