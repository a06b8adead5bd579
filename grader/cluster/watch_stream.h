// WatchDecoder: turns a watch response body, arriving in arbitrary chunks,
// into watch items.
//
// The API server writes one JSON object per line: {"type": ..., "object": ...}.
// Chunks may split anywhere (mid-line, mid-UTF-8: '\n' never occurs inside a
// UTF-8 sequence, so splitting on it is safe); a partial line waits for the
// next chunk.
#pragma once
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "grader/base/json.h"

namespace sts {

// A line that is not a watch event. The stream cannot be trusted past it:
// the caller should drop it and re-list.
class WatchDecodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct WatchItem {
  enum class Kind {
    kChange,      // ADDED, MODIFIED, DELETED: `type` and `object` set
    kBookmark,    // resourceVersion progress only; not a change
    kGone,        // ERROR with Status 410 (Expired/Gone): re-list
    kError,       // any other ERROR: `object` is the Status
  };
  Kind kind = Kind::kChange;
  std::string type;                  // as sent: ADDED, MODIFIED, DELETED, BOOKMARK, ERROR
  Json object;
  std::string resource_version;      // the object's (change, bookmark); "" otherwise
  std::string message;               // kGone/kError: Status code, reason and message
};

class WatchDecoder {
 public:
  using Sink = std::function<void(WatchItem&&)>;

  // Decodes every complete line of `chunk` (plus what was kept from earlier
  // chunks) and hands the items to `sink` in order. A malformed line throws
  // WatchDecodeError after the items before it were delivered.
  void feed(std::string_view chunk, const Sink& sink);
  // End of the body: a non-empty leftover line is decoded if it is a
  // complete event, else WatchDecodeError (truncated stream).
  void finish(const Sink& sink);

  // The newest resourceVersion seen in a change or bookmark ("" if none).
  const std::string& resource_version() const { return resource_version_; }
  size_t pending_bytes() const { return buffer_.size(); }   // the partial line kept
  long lines() const { return lines_; }

 private:
  void decode_line(std::string_view line, const Sink& sink);

  std::string buffer_;               // the partial last line; holds no '\n'

  std::string resource_version_;
  long lines_ = 0;
};

}  // namespace sts
