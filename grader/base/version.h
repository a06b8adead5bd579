#pragma once
namespace sts {
inline constexpr const char* kVersion = "0.1.0";
}
