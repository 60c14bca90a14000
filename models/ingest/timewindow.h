#pragma once
// "Only the last 6 hours": which files can hold entries of a time window, decided before
// they are read, so that weeks of rotated and compressed backups are not opened when only
// the last hours are wanted. A file is skipped only when it cannot hold such an entry:
// a plain file by the timestamp of its last entry (read from its tail), a .gz backup by its
// modification time and the date in its name (app.log.2026-11-01.gz), both upper bounds.

#include "discovery.h"

#include <QString>

#include <cstdint>
#include <optional>

namespace vigil {

// The newest entry time (UTC epoch µs) of a plain log file, from the last line of its tail
// that starts an entry with a timestamp; nullopt when the tail holds none.
std::optional<std::int64_t> lastEntryTime(const QString& path, std::uint64_t size);

// Whether the file may hold an entry at or after `sinceUs` (UTC epoch µs). Errs towards yes.
bool mayHoldEntriesSince(const DiscoveredFile& file, std::int64_t sinceUs);

// "90s", "30m", "6h", "2d", "1w" in seconds (up to a century); nullopt when it is not one.
std::optional<std::int64_t> parseWindowSeconds(const QString& text);
// "last 6 h", "last 7 days"; empty for 0 (everything).
QString describeWindow(std::int64_t seconds);

} // namespace vigil
