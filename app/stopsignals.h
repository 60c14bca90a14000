#pragma once
// Ctrl+C and SIGTERM ask a following command to finish (drain what was written, print its
// report) instead of killing it mid-write. The handler only writes a byte to a socket pair;
// the event loop reads it and calls `stop` on the thread of `context`.

#include <functional>

class QObject;

namespace vigil {

// Installs the handlers; `stop` runs once per signal received.
void onStopSignals(QObject* context, std::function<void()> stop);

} // namespace vigil
