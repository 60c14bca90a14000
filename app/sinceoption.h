#pragma once
// `--since DURATION` for the commands that read a deployment: the same meaning everywhere
// ("entries of the last DURATION before now"), and the files that cannot hold such entries
// are not read at all.

#include "commandline.h"

#include <cstdint>
#include <optional>

namespace vigil {

void declareSince(CommandLine& line, QString* out);
// Seconds of the window (0 when `text` is empty), or nullopt with `error` set.
std::optional<std::int64_t> sinceSeconds(const QString& text, QString* error);
// The window's start, UTC epoch µs, for a window of `seconds` ending now (kNoTime for 0).
std::int64_t windowStartUs(std::int64_t seconds);

} // namespace vigil
