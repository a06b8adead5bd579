#include "reports/junit.h"

#include <gtest/gtest.h>

#include <regex>

#include "reports/sample_run_for_tests.h"

namespace sts {
namespace {

using namespace testing_sample;

// A minimal XML 1.0 well-formedness check, enough for what render_junit
// writes: balanced elements, quoted attributes without '<', only the five
// predefined entities or character references, no forbidden characters.
// Returns "" when well-formed, else what is wrong.
std::string xml_problem(const std::string& x) {
  std::vector<std::string> open;
  size_t i = 0;
  if (x.rfind("<?xml ", 0) == 0) i = x.find("?>") + 2;
  const std::regex entity(R"(&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)");
  auto check_text = [&](const std::string& t) -> std::string {
    for (size_t k = 0; k < t.size(); ++k) {
      const unsigned char c = t[k];
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return "control character " + std::to_string(c);
      if (c == '<') return "raw '<' in text";
      if (c == '&') {
        std::smatch m;
        const std::string rest = t.substr(k, 12);
        if (!std::regex_search(rest, m, entity) || m.position(0) != 0) return "bad entity at '" + rest + "'";
      }
    }
    return "";
  };
  while (i < x.size()) {
    const size_t lt = x.find('<', i);
    if (const std::string p = check_text(x.substr(i, (lt == std::string::npos ? x.size() : lt) - i)); !p.empty())
      return p;
    if (lt == std::string::npos) break;
    // Find the tag's end outside quoted attribute values.
    size_t k = lt + 1;
    char quote = 0;
    for (; k < x.size(); ++k) {
      if (quote) {
        if (x[k] == quote) quote = 0;
        else if (x[k] == '<') return "'<' in an attribute";
      } else if (x[k] == '"' || x[k] == '\'') {
        quote = x[k];
      } else if (x[k] == '>') {
        break;
      }
    }
    if (k >= x.size()) return "unterminated tag";
    const std::string tag = x.substr(lt + 1, k - lt - 1);
    static const std::regex name(R"(/?([A-Za-z_][-A-Za-z0-9_.]*)((\s+[A-Za-z_][-A-Za-z0-9_.]*="[^"]*")*)\s*/?)");
    std::smatch m;
    if (!std::regex_match(tag, m, name)) return "malformed tag <" + tag + ">";
    if (const std::string p = check_text(std::regex_replace(m[2].str(), std::regex(R"(\s+[-A-Za-z0-9_.]+="|")"), ""));
        !p.empty())
      return "attribute: " + p;
    if (tag[0] == '/') {
      if (open.empty() || open.back() != m[1].str()) return "unbalanced </" + m[1].str() + ">";
      open.pop_back();
    } else if (tag.back() != '/') {
      open.push_back(m[1].str());
    }
    i = k + 1;
  }
  return open.empty() ? "" : "unclosed <" + open.back() + ">";
}

TEST(XmlProblem, TheCheckerItselfRejectsBrokenXml) {
  EXPECT_EQ(xml_problem("<a b=\"1\"><c/>t &amp; u</a>"), "");
  EXPECT_NE(xml_problem("<a><b></a>"), "");
  EXPECT_NE(xml_problem("<a>x & y</a>"), "");
  EXPECT_NE(xml_problem("<a b=\"<\"/>"), "");
  EXPECT_NE(xml_problem(std::string("<a>\x01</a>")), "");
  EXPECT_NE(xml_problem("<a b=1/>"), "");
}

TEST(RenderJunit, SuiteAndCasesWithCounts) {
  const std::string x = render_junit(run(), score(), observations());
  EXPECT_EQ(xml_problem(x), "") << x;
  EXPECT_NE(x.find("<testsuite name=\"lab04-section3\" tests=\"5\" failures=\"1\" errors=\"0\" skipped=\"2\" "
                   "time=\"95.250\""),
            std::string::npos)
      << x;
  EXPECT_NE(x.find("<testcase classname=\"sts-grader.lab04-section3\" name=\"pod-naming\""), std::string::npos);
  EXPECT_NE(x.find("<failure message=\"1 of 2 assertions passed\" type=\"fail\">the app rewrites index.html at start\n"
                   "\nHint: write the identity file only if it does not exist yet\n"),
            std::string::npos)
      << x;
  EXPECT_NE(x.find("  [ ] the volume holds the original content — index.html changed | was &lt;b&gt;web-1&lt;/b&gt;"),
            std::string::npos);
  EXPECT_NE(x.find("Evidence: content before/after (at 40.0 s)\nbefore: ```web-1```"), std::string::npos);
  EXPECT_NE(x.find("<skipped message=\"requires pvc-retention, which failed\"/>"), std::string::npos);
  EXPECT_NE(x.find("name=\"manual: Design questions\" time=\"0\">\n      <skipped message=\"judged by the instructor\"/>"),
            std::string::npos);
  EXPECT_EQ(x.find("HIDDEN-HINT"), std::string::npos);
}

TEST(RenderJunit, ErrorIsAnErrorNotAFailure) {
  Score s = score();
  s.items[0].result.status = Status::kError;
  s.items[0].result.explanation = "exec into web-0 failed: connection refused";
  s.gradable = false;
  s.not_gradable_reason = s.items[0].result.explanation;
  const std::string x = render_junit(run(), s, observations());
  EXPECT_EQ(xml_problem(x), "") << x;
  EXPECT_NE(x.find("failures=\"1\" errors=\"1\""), std::string::npos);
  EXPECT_NE(x.find("<error message=\"exec into web-0 failed: connection refused\" type=\"error\">"), std::string::npos);
  EXPECT_NE(x.find("<property name=\"gradable\" value=\"false\"/>"), std::string::npos);
}

TEST(RenderJunit, HostileStringsStayWellFormed) {
  const std::string hostile = std::string("a\"b'c<d>e&f]]>g\x01h\x1B[0m\x7Fi\xFF\xFEj\xEF\xBF\xBFk\0l\r\nm\tn", 37) +
                              "</failure><injected/>&#0;&lt;";
  Score s = score();
  for (auto& it : s.items) {
    it.item.check += hostile;
    it.item.title += hostile;
    it.result.summary = hostile;
    it.result.explanation = hostile;
    it.result.hint = hostile;
    for (auto& a : it.result.assertions) a.detail = hostile;
    for (auto& e : it.result.evidence) e.label = e.text = hostile;
  }
  RunInfo r = run();
  r.rubric_id = hostile;
  r.submission = hostile;
  const std::string x = render_junit(r, s, observations());
  EXPECT_EQ(xml_problem(x), "") << x;
  EXPECT_EQ(x.find("<injected/>"), std::string::npos);
  EXPECT_EQ(x.find('\x01'), std::string::npos);
  EXPECT_EQ(x.find('\0'), std::string::npos);
  EXPECT_EQ(x.find("\xFF"), std::string::npos);
  EXPECT_NE(x.find("&amp;#0;&amp;lt;"), std::string::npos);
  EXPECT_NE(x.find("classname=\"sts-grader.a&quot;b&apos;c&lt;d&gt;e&amp;f]]&gt;g"), std::string::npos) << x;
}

}  // namespace
}  // namespace sts
