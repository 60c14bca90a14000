#pragma once

#include <QStringList>

namespace vigil {

// `vigil patterns ROOT... [--since D] [--sort count|new] [--top N] [--json]`: the message
// patterns of a deployment with their counts, instances and first and last times.
int runPatternsCommand(const QStringList& arguments);

} // namespace vigil
