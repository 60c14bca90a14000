#include "windowarguments.h"

#include "sinceoption.h"

namespace vigil {

CommandLine windowCommandLine(WindowArguments* out) {
    CommandLine line(
        QStringLiteral("vigil"), QStringLiteral("[--demo] [--since DURATION] [ROOT...] | vigil COMMAND ..."),
        QStringLiteral("Opens the logs of a deployment's instances in one window: a filterable table, "
                       "live charts and alerts."));
    line.flag(QStringLiteral("--demo"), &out->demo,
              QStringLiteral("open a live demo deployment written by Vigil itself"));
    line.flag(QStringLiteral("--version"), &out->version, QStringLiteral("print the version and exit"));
    declareSince(line, &out->since);
    declareSourceOptions(line, &out->sources);
    return line;
}

QString windowArgumentsError(const WindowArguments& arguments) {
    QString error;
    sinceSeconds(arguments.since, &error);
    return error;
}

} // namespace vigil
