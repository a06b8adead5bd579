#include "checks/markdown_sections.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

const char* kDoc = R"(# StatefulSet

## 1. StatefulSet Overview
StatefulSets give pods stable names and storage.

## Resource Verification
```bash
# kubectl get po,sts,svc,pvc
kubectl get po
```

Network Identity
----------------
web-0.web-headless resolves to 10.244.0.5.

### DNS details
more

## Persistence Test ##
)";

TEST(MarkdownSections, AtxSetextAndFences) {
  std::vector<MdSection> s = markdown_sections(kDoc);
  ASSERT_EQ(s.size(), 6u);
  EXPECT_EQ(s[0].heading, "StatefulSet");
  EXPECT_EQ(s[1].heading, "1. StatefulSet Overview");
  EXPECT_EQ(s[1].level, 2);
  EXPECT_EQ(s[1].line, 3);
  EXPECT_EQ(s[1].content_chars, std::string("StatefulSetsgivepodsstablenamesandstorage.").size());
  EXPECT_EQ(s[2].heading, "Resource Verification");   // the shell comment is not a heading
  EXPECT_EQ(s[3].heading, "Network Identity");
  EXPECT_EQ(s[3].level, 2);
  EXPECT_NE(s[3].body.find("DNS details"), std::string::npos);  // subsections belong to it
  EXPECT_EQ(s[4].level, 3);
  EXPECT_EQ(s[5].heading, "Persistence Test");
  EXPECT_EQ(s[5].content_chars, 0u);
  // The level-1 title holds everything below it.
  EXPECT_GT(s[0].content_chars, s[1].content_chars);
}

TEST(MarkdownSections, FindByKeywordCaseInsensitive) {
  std::vector<MdSection> s = markdown_sections(kDoc);
  const MdSection* net = find_section(s, {"network", "dns"});
  ASSERT_NE(net, nullptr);
  EXPECT_EQ(net->heading, "Network Identity");
  EXPECT_EQ(find_section(s, {"storage evidence"}), nullptr);
  EXPECT_TRUE(markdown_sections("no headings\n#hashtag is not one\n").empty());
}

}  // namespace
}  // namespace sts
