#pragma once
// `vigil follow ROOT... [--seconds N] [--json]`: reads the roots headless, keeps following
// them for N seconds (or until interrupted), then prints what it read as `vigil scan` does,
// plus the write-to-store latency.

#include <QStringList>

namespace vigil {

// Needs a QCoreApplication. Returns the process exit code: 0 when at least one root could be
// read, 2 otherwise.
int runFollowCommand(const QStringList& arguments);

} // namespace vigil
