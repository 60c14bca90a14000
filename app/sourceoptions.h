#pragma once
// The options that describe a remote source on the command line, the same for the window
// and every command: `vigil scan loki://HOST:3100 --selector '{job="api"}' --since 6h`.
// They are folded into each loki:// root, which then names the source whole.

#include "commandline.h"

#include <QStringList>

namespace vigil {

struct SourceOptions {
    QString selector;      // LogQL stream selector
    QString instanceLabel; // the label that names an instance
    QString orgId;         // X-Scope-OrgID
};

void declareSourceOptions(CommandLine& line, SourceOptions* out);
// The roots with the options set on each loki:// or lokis:// root (others unchanged).
QStringList applySourceOptions(const QStringList& roots, const SourceOptions& options);

} // namespace vigil
