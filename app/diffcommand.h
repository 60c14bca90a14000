#pragma once

#include <QStringList>

namespace vigil {

// `vigil diff ROOT... --before T0..T1 --after T2..T3 [--top N] [--json]`: the patterns new,
// gone or changed in rate and the metrics that moved between two time ranges.
int runDiffCommand(const QStringList& arguments);

} // namespace vigil
