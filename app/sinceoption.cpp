#include "sinceoption.h"

#include "models/ingest/timewindow.h"
#include "models/store/ids.h"

#include <QDateTime>

namespace vigil {

void declareSince(CommandLine& line, QString* out) {
    line.text(QStringLiteral("--since"), QStringLiteral("DURATION"), out,
              QStringLiteral("only entries of the last DURATION before now: 90s, 30m, 6h, 2d, 1w; "
                             "older files are not read"));
}

std::optional<std::int64_t> sinceSeconds(const QString& text, QString* error) {
    if (text.isEmpty()) return 0;
    const auto seconds = parseWindowSeconds(text);
    if (!seconds && error)
        *error = QStringLiteral("--since %1 is not a duration (try 90s, 30m, 6h or 2d)").arg(text.left(40));
    return seconds;
}

std::int64_t windowStartUs(std::int64_t seconds) {
    return seconds > 0 ? QDateTime::currentMSecsSinceEpoch() * 1000 - seconds * 1000000 : kNoTime;
}

} // namespace vigil
