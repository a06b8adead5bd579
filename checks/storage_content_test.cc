#include <gtest/gtest.h>

#include "checks/observations_builder_for_tests.h"
#include "grader/scenario/volume_read.h"

namespace sts {
namespace {
using namespace sts::testing;

CheckResult with_proof(const std::string& proof) {
  RunOptions o;
  o.proof = proof;
  return judge("storage-content", lab04_run(o));
}

TEST(StorageContent, TheLab04ReferenceContentIdentifiesEachPod) {
  CheckResult r = with_proof("Pod: {name}\nDate: {date}\n");
  EXPECT_EQ(r.status, Status::kPass) << text_of(r);
  EXPECT_NE(r.evidence[0].text.find("'Pod: web-1\\nDate: "), std::string::npos)
      << r.evidence[0].text;
}

// As grader/scenario/volume_read.cc records them: an excerpt in files, the whole
// file (up to 64 KiB) in long_files.
void as_the_reader_records(Observations& obs) {
  for (VolumeRead& r : obs.volume_reads)
    for (auto& [path, content] : r.files)
      if (content.size() > kExcerptBytes) {
        r.long_files[path] = content;
        content.resize(kExcerptBytes);
      }
}

// The variant: the pod's name comes after byte 1024 of its proof.
TEST(StorageContent, AProofAfterTheFirstKilobyteIdentifiesThePod) {
  RunOptions o;
  o.proof = std::string(1500, '#') + "\nwritten by {name}\n";
  Observations obs = lab04_run(o);
  as_the_reader_records(obs);
  CheckResult r = judge("storage-content", obs);
  EXPECT_EQ(r.status, Status::kPass) << text_of(r);
  // Judged from the excerpt alone (the old reader), it would have failed.
  for (VolumeRead& v : obs.volume_reads) v.long_files.clear();
  EXPECT_EQ(judge("storage-content", obs).status, Status::kFail);
}

// A volume holding more than the grader reads, with no name in what it read,
// cannot be judged: an error naming the bound, never a failure.
TEST(StorageContent, NoProofInATruncatedReadIsNotJudged) {
  RunOptions o;
  o.proof = "Date: {date}\n";
  Observations obs = lab04_run(o);
  for (VolumeRead& v : obs.volume_reads)
    if (v.pod == "web-1") v.truncated = true;
  CheckResult r = judge("storage-content", obs);
  EXPECT_EQ(r.status, Status::kError) << text_of(r);
  EXPECT_NE(r.explanation.find("64 KiB per file"), std::string::npos) << r.explanation;
  EXPECT_NE(r.explanation.find("web-1"), std::string::npos) << r.explanation;
}

TEST(StorageContent, AnExplicitOrdinalIdentifiesThePod) {
  EXPECT_EQ(with_proof("I am ordinal {ordinal}\n").status, Status::kPass);
  EXPECT_EQ(with_proof("pod-{ordinal}").status, Status::kPass);
  EXPECT_EQ(with_proof("replica #{ordinal} of the set").status, Status::kPass);
}

TEST(StorageContent, ADateAloneDoesNotIdentifyThePod) {
  CheckResult r = with_proof("Date: {date}\n");
  EXPECT_EQ(failed_ids(r), std::vector<std::string>{"identifies-pod"});
  EXPECT_NE(r.explanation.find("timestamp"), std::string::npos);
  EXPECT_NE(r.hint.find("/usr/share/nginx/html"), std::string::npos);
}

TEST(StorageContent, TheSameContentEverywhereFails) {
  CheckResult r = with_proof("hello\n");
  EXPECT_EQ(failed_ids(r), (std::vector<std::string>{"content-differs", "identifies-pod"}));
  EXPECT_NE(r.explanation.find("web-0 and web-1"), std::string::npos);
}

TEST(StorageContent, ALongerNameIsNotThePodsName) {
  Observations obs = lab04_run();
  for (VolumeRead& r : obs.volume_reads)
    if (r.pod == "web-1")
      for (auto& [path, content] : r.files) content = "Pod: web-10\nsee myweb-1\n";
  CheckResult r = judge("storage-content", obs);
  EXPECT_EQ(failed_ids(r), std::vector<std::string>{"identifies-pod"});
  EXPECT_NE(r.explanation.find("web-1"), std::string::npos);
}

TEST(StorageContent, AFailedReadFailsProofPresent) {
  Observations obs = lab04_run();
  obs.volume_reads[0].ok = false;
  obs.volume_reads[0].files.clear();
  obs.volume_reads[0].exec.exit_code = 1;
  obs.volume_reads[0].exec.err = "cat: can't open 'index.html': No such file";
  CheckResult r = judge("storage-content", obs);
  EXPECT_FALSE(passed(r, "proof-present"));
  EXPECT_NE(r.explanation.find("No such file"), std::string::npos);
}

TEST(StorageContent, SkippedWithoutReads) {
  Observations obs = lab04_run();
  obs.volume_reads.clear();
  stop_before(obs, "read-initial", false, "initial-ready");
  EXPECT_EQ(judge("storage-content", obs).status, Status::kSkipped);
}

TEST(StorageContent, ErroredWhenTheReadCouldNotRun) {
  Observations obs = lab04_run();
  obs.volume_reads[1].ok = false;
  obs.volume_reads[1].exec.exit_code = -1;
  obs.volume_reads[1].exec.error = "error dialing backend: EOF";
  CheckResult r = judge("storage-content", obs);
  EXPECT_EQ(r.status, Status::kError);
  EXPECT_NE(r.explanation.find("dialing backend"), std::string::npos);
}

TEST(StorageContent, FailsWithoutAPersistentVolume) {
  RunOptions o;
  o.claim_templates = false;
  CheckResult r = judge("storage-content", lab04_run(o));
  EXPECT_EQ(r.status, Status::kFail);
  EXPECT_NE(r.hint.find("volumeClaimTemplates"), std::string::npos);
}

TEST(StorageContent, FailsWhenNoContainerMountsTheClaim) {
  Observations obs = lab04_run();
  obs.statefulset_manifest["spec"]["template"]["spec"]["containers"][0].erase("volumeMounts");
  obs.volume_reads.clear();  // the runner reads only mounted claims
  CheckResult r = judge("storage-content", obs);
  EXPECT_EQ(r.status, Status::kFail);
  EXPECT_NE(r.explanation.find("no volumeMounts entry named www"), std::string::npos);
}

}  // namespace
}  // namespace sts
