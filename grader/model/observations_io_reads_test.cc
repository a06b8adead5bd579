// Round trip of what the volume reads and the timeline gained for legal
// variants: long files beyond the report's excerpt, and re-list marks.
#include <gtest/gtest.h>

#include "grader/model/observations_io.h"

namespace sts {
namespace {

TEST(ObservationsIoReads, LongFilesAndRelistMarksRoundTrip) {
  Observations a;
  a.statefulset = "web";
  VolumeRead r;
  r.phase = "initial";
  r.pod = "web-2";
  r.claim = "data-web-2";
  r.files["startup.log"] = std::string(1024, '#');
  r.long_files["startup.log"] = std::string(3000, '#') + "\nidentity: pod=web-2\n";
  r.ok = true;
  a.volume_reads.push_back(r);
  a.timeline.add({0, 0.5, "SYNC", "Pod", {{"metadata", {{"name", "web-2"}}}}});
  WatchEvent relisted{1, 9.0, "ADDED", "Pod", {{"metadata", {{"name", "web-3"}}}}};
  relisted.relist = true;
  a.timeline.add(relisted);

  Json j = observations_to_json(a);
  EXPECT_FALSE(j["timeline"][0].contains("relist"));  // unchanged for ordinary events
  EXPECT_EQ(j["timeline"][1]["relist"], true);
  Observations b = observations_from_json(j);
  ASSERT_EQ(b.volume_reads.size(), 1u);
  EXPECT_EQ(b.volume_reads[0].files, a.volume_reads[0].files);
  EXPECT_EQ(b.volume_reads[0].long_files, a.volume_reads[0].long_files);
  ASSERT_EQ(b.timeline.events().size(), 2u);
  EXPECT_FALSE(b.timeline.events()[0].relist);
  EXPECT_TRUE(b.timeline.events()[1].relist);
}

// A recording made before these fields existed still reads.
TEST(ObservationsIoReads, OlderRecordingsWithoutTheFieldsRead) {
  Observations a;
  VolumeRead r;
  r.phase = "initial";
  r.files["index.html"] = "Pod: web-0";
  a.volume_reads.push_back(r);
  a.timeline.add({0, 0.5, "ADDED", "Pod", {{"metadata", {{"name", "web-0"}}}}});
  Json j = observations_to_json(a);
  j["volume_reads"][0].erase("long_files");
  Observations b = observations_from_json(j);
  EXPECT_TRUE(b.volume_reads[0].long_files.empty());
  EXPECT_FALSE(b.timeline.events()[0].relist);
}

}  // namespace
}  // namespace sts
