#include "grader/scenario/volume_read.h"

#include <sstream>

namespace sts {

std::vector<std::string> read_volume_command(const std::string& boundary,
                                             const std::string& mount_path) {
  // POSIX sh plus sort/head/wc only: minimal images (busybox, a bare Debian
  // nginx) have no find or grep. `walk` lists regular files depth-first.
  static const std::string kScript = R"SH(b=$1; m=$3
walk() {
  for f in "$1"/* "$1"/.[!.]*; do
    [ -e "$f" ] || [ -L "$f" ] || continue
    if [ -d "$f" ] && [ ! -L "$f" ]; then
      [ "$f" = ./lost+found ] || walk "$f"
    elif [ -f "$f" ] && [ "$f" != "./$m" ]; then
      printf '%s\n' "$f"
    fi
  done
}
echo "$b begin"
cd "$2" 2>/dev/null || { echo "$b nodir"; exit 0; }
walk . | sort | head -n )SH" + std::to_string(kMaxFiles + 1) + R"SH( |
while IFS= read -r f; do
  echo "$b file $f $(wc -c < "$f")"
  head -c )SH" + std::to_string(kMaxFileBytes) + R"SH( "$f"
  echo
  echo "$b end"
done
if [ -f "$m" ]; then echo "$b marker"; head -c 1024 "$m"; echo; echo "$b end"; fi
echo "$b done"
)SH";
  return {"sh", "-c", kScript, "sts-grader", boundary, mount_path, kMarkerFile};
}

void parse_volume_listing(const std::string& out, const std::string& b, VolumeRead& read) {
  read.files.clear();
  read.long_files.clear();
  read.marker.clear();
  read.truncated = false;
  bool begun = false, done = false;
  std::string current;               // "" outside a block; "\x01marker" for the marker
  std::string content;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (!current.empty()) {
      if (line == b + " end") {
        if (!content.empty() && content.back() == '\n') content.pop_back();  // our echo
        if (current == "\x01marker") {
          read.marker = content;
          while (!read.marker.empty() && read.marker.back() == '\n') read.marker.pop_back();
        } else if (current != "\x02skip") {
          if (content.size() > kExcerptBytes) {
            read.files[current] = content.substr(0, kExcerptBytes);
            read.long_files[current] = std::move(content);
          } else {
            read.files[current] = content;
          }
        }
        current.clear();
        content.clear();
      } else {
        content += line + "\n";
      }
      continue;
    }
    if (line == b + " begin") begun = true;
    else if (line == b + " done") done = true;
    else if (line == b + " nodir") {
      read.ok = false;
      return;
    } else if (line == b + " marker") current = "\x01marker";
    else if (line.rfind(b + " file ", 0) == 0) {
      std::string rest = line.substr(b.size() + 6);
      size_t sp = rest.rfind(' ');
      std::string path = rest.substr(0, sp);
      if (path.rfind("./", 0) == 0) path = path.substr(2);
      long size = sp == std::string::npos ? 0 : std::atol(rest.c_str() + sp + 1);
      if (size > kMaxFileBytes) read.truncated = true;
      if (static_cast<int>(read.files.size()) >= kMaxFiles) {
        read.truncated = true;
        current = "\x02skip";        // consume the block, keep the bound
      } else {
        current = path;
      }
    }
  }
  read.ok = begun && done;
}

}  // namespace sts
