// Writing a file so that a reader never sees half of it: every report, every
// batch record.
#pragma once
#include <stdexcept>
#include <string>

namespace sts {

struct FileWriteError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Writes content to path atomically (temporary file in the same directory,
// fsync, rename). Throws FileWriteError naming the path and the cause.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace sts
