#include "windowarguments.h"

namespace vigil {

CommandLine windowCommandLine(WindowArguments* out) {
    CommandLine line(
        QStringLiteral("vigil"), QStringLiteral("[--demo] [ROOT...] | vigil COMMAND ..."),
        QStringLiteral("Opens the logs of a deployment's instances in one window: a filterable table, "
                       "live charts and alerts."));
    line.flag(QStringLiteral("--demo"), &out->demo,
              QStringLiteral("open a live demo deployment written by Vigil itself"));
    line.flag(QStringLiteral("--version"), &out->version, QStringLiteral("print the version and exit"));
    return line;
}

} // namespace vigil
