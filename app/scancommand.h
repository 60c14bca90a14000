#pragma once
// `vigil scan ROOT... [--json]`: reads the roots headless and prints what it found.

#include <QStringList>

namespace vigil {

// Returns the process exit code: 0 when at least one root could be read, 2 otherwise.
int runScanCommand(const QStringList& arguments);

} // namespace vigil
