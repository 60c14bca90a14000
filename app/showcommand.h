#pragma once

#include <QStringList>

namespace vigil {

// `vigil show ROOT... [--level L] [--instance NAME] [--since D] [--grep TEXT] [--fields EXPR]
// [--lines N] [--json] [--follow]`: the matching entries in time order, as the window's
// filter would show them. `arguments` are those after "show". Returns the exit code.
int runShowCommand(const QStringList& arguments);

} // namespace vigil
