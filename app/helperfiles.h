#pragma once
// Where the command-line program finds the files it starts or loads only when needed (the
// window program vigil-gui, the Loki reader vigil-loki.so): beside itself in the build tree,
// or in their installed place under libexec/vigil.

#include <QStringList>

namespace vigil {

// The places to look, in order, for a helper file of that name.
QStringList helperFileCandidates(const QString& fileName);

} // namespace vigil
