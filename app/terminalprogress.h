#pragma once
// A one-line progress on standard error while a command reads a big deployment: percent of
// the bytes, files done, entries so far and the time left, redrawn four times a second with
// a carriage return and erased when done. Only on a terminal: a pipe or a log file gets
// nothing, so scripts see the same output as before.

#include "models/ingest/scanner.h"

namespace vigil {

// scanInto() with the progress line shown on stderr when it is a terminal.
ScanOutcome scanShowingProgress(EntryStore& store, const QStringList& roots, ScanOptions options);

} // namespace vigil
