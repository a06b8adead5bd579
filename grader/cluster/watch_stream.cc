#include "grader/cluster/watch_stream.h"

#include <algorithm>
#include <cctype>

namespace sts {
namespace {

std::string excerpt(std::string_view line) {
  constexpr size_t kMax = 120;
  std::string s(line.substr(0, kMax));
  if (line.size() > kMax) s += "...";
  return s;
}

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

}  // namespace

void WatchDecoder::feed(std::string_view chunk, const Sink& sink) {
  // Only the new bytes can hold the first '\n': the kept part has none.
  size_t scan = buffer_.size();
  buffer_.append(chunk);
  size_t start = 0;
  try {
    for (size_t nl; (nl = buffer_.find('\n', std::max(scan, start))) != std::string::npos;) {
      std::string_view line(buffer_.data() + start, nl - start);
      start = nl + 1;  // consumed even if it throws: the bad line is not retried
      decode_line(line, sink);
    }
  } catch (...) {
    buffer_.erase(0, start);
    throw;
  }
  buffer_.erase(0, start);
}

void WatchDecoder::finish(const Sink& sink) {
  std::string rest;
  rest.swap(buffer_);
  if (blank(rest)) return;
  try {
    decode_line(rest, sink);
  } catch (const WatchDecodeError& e) {
    throw WatchDecodeError("watch stream ended inside an event (" + std::to_string(rest.size()) +
                           " bytes after the last newline): " + e.what());
  }
}

void WatchDecoder::decode_line(std::string_view line, const Sink& sink) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (blank(line)) return;
  ++lines_;
  std::string where = "watch stream line " + std::to_string(lines_);
  Json ev;
  try {
    ev = Json::parse(line);
  } catch (const Json::exception& e) {
    throw WatchDecodeError(where + " is not JSON (" + e.what() + "): " + excerpt(line));
  }
  if (!ev.is_object() || !ev.contains("type") || !ev["type"].is_string())
    throw WatchDecodeError(where + " is not a watch event (no \"type\"): " + excerpt(line));

  WatchItem item;
  item.type = ev["type"].get<std::string>();
  if (auto it = ev.find("object"); it != ev.end()) item.object = std::move(*it);
  if (item.type == "ADDED" || item.type == "MODIFIED" || item.type == "DELETED" ||
      item.type == "BOOKMARK") {
    if (!item.object.is_object())
      throw WatchDecodeError(where + ": " + item.type + " event without an object: " +
                             excerpt(line));
    item.kind = item.type == "BOOKMARK" ? WatchItem::Kind::kBookmark : WatchItem::Kind::kChange;
    item.resource_version = str_at(item.object, {"metadata", "resourceVersion"});
    if (!item.resource_version.empty()) resource_version_ = item.resource_version;
  } else if (item.type == "ERROR") {
    // The object is a Status; 410 means our resourceVersion was compacted away.
    const Json& code = node_at(item.object, {"code"});
    int status = code.is_number_integer() ? code.get<int>() : 0;
    std::string reason = str_at(item.object, {"reason"});
    bool gone = status == 410 || (status == 0 && (reason == "Expired" || reason == "Gone"));
    item.kind = gone ? WatchItem::Kind::kGone : WatchItem::Kind::kError;
    item.message = std::to_string(status);
    if (!reason.empty()) item.message += " " + reason;
    if (std::string m = str_at(item.object, {"message"}); !m.empty()) item.message += ": " + m;
  } else {
    throw WatchDecodeError(where + " has unknown event type \"" + item.type + "\"");
  }
  sink(std::move(item));
}

}  // namespace sts
