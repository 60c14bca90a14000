#pragma once
// The patterns of a deployment as `vigil patterns` prints them: text for a terminal or
// JSON for scripts and tickets. Patterns come from log text, so they go out masked by the
// one secrets policy and, on a terminal, with control characters escaped.

#include "patternindex.h"

#include "../store/entrystore.h"

#include <QByteArray>
#include <QString>

namespace vigil {

enum class PatternOrder { Count, Newest };

void sortPatterns(std::vector<PatternRow>& rows, PatternOrder order);

// `seconds`: how long the mining took (reported, not judged).
QString patternsText(const std::vector<PatternRow>& rows, const InstanceTable& instances, std::size_t limit,
                     std::uint64_t entries, double seconds);
QByteArray patternsJson(const std::vector<PatternRow>& rows, const InstanceTable& instances,
                        std::size_t limit, std::uint64_t entries, double seconds);

// UTC ISO 8601 with milliseconds, or empty for no time.
QString patternTime(std::int64_t us);

} // namespace vigil
