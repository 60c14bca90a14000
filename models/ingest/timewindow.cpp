#include "timewindow.h"

#include "../parse/lineparser.h"
#include "../parse/timestamp.h"
#include "../query/fieldexpression.h"

#include <QDateTime>
#include <QFile>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fcntl.h>
#include <string>
#include <unistd.h>

namespace vigil {

namespace {

// Enough for the last few entries even with long JSON lines or a traceback at the end.
constexpr std::uint64_t kTailBytes = 256 * 1024;
// Entries written by several threads may reach the file slightly out of order.
constexpr std::int64_t kOrderSlackUs = 60LL * 1000000;
constexpr std::int64_t kDayUs = 86400LL * 1000000;

// Naive timestamps are read as UTC: a log written in local time without a zone is shifted
// by the local offset against the file's (true) modification time. One more hour covers a
// daylight-saving change and a compression run that kept the rotation's time.
std::int64_t zoneSlackUs() {
    const qint64 offset = std::llabs(QDateTime::currentDateTime().offsetFromUtc());
    return (offset + 3600) * 1000000LL;
}

// The date in a backup's name (app.log.2026-11-01.gz, app.log-20261101.gz), as the UTC µs
// at which that day starts.
std::optional<std::int64_t> dateInName(const QString& name) {
    static const QRegularExpression re(QStringLiteral("(?<!\\d)(20\\d\\d)-?([01]\\d)-?([0-3]\\d)(?!\\d)"));
    const QRegularExpressionMatch m = re.match(name);
    if (!m.hasMatch()) return std::nullopt;
    const int year = m.captured(1).toInt(), month = m.captured(2).toInt(), day = m.captured(3).toInt();
    if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
    return daysFromCivil(year, unsigned(month), unsigned(day)) * kDayUs;
}

} // namespace

std::optional<std::int64_t> lastEntryTime(const QString& path, std::uint64_t size) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    const std::uint64_t from = size > kTailBytes ? size - kTailBytes : 0;
    std::string tail(std::size_t(size - from), '\0');
    std::size_t got = 0;
    while (got < tail.size()) {
        const ssize_t n = ::pread(fd, tail.data() + got, tail.size() - got, off_t(from + got));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += std::size_t(n);
    }
    ::close(fd);
    tail.resize(got);
    // The first line may be cut: start after the first newline unless the tail is the file.
    std::size_t at = 0;
    if (from > 0) {
        const std::size_t nl = tail.find('\n');
        if (nl == std::string::npos) return std::nullopt;
        at = nl + 1;
    }
    LineParser parser;
    ParsedLine parsed;
    FormatId preferred = FormatId::Raw;
    std::optional<std::int64_t> newest;
    while (at < tail.size()) {
        std::size_t end = tail.find('\n', at);
        if (end == std::string::npos) end = tail.size();
        const std::string_view line(tail.data() + at, end - at);
        if (!line.empty()) {
            parsed = ParsedLine();
            preferred = parser.parse(line, tail.size() - at, preferred, parsed);
            if (parsed.timeUs != kNoTime) newest = std::max(newest.value_or(kNoTime), parsed.timeUs);
        }
        at = end + 1;
    }
    return newest;
}

bool mayHoldEntriesSince(const DiscoveredFile& file, std::int64_t sinceUs) {
    if (sinceUs == kNoTime) return true;
    if (file.gzip) {
        // Reading a compressed file's last entry costs decompressing all of it: judge by the
        // bounds that need no reading, and skip only when both say it is older.
        const std::int64_t modifiedUs = file.modifiedNs / 1000;
        if (modifiedUs + zoneSlackUs() >= sinceUs) return true;
        const auto day = dateInName(file.relativePath.section(QLatin1Char('/'), -1));
        // Named by the day it covers (Python's TimedRotatingFileHandler) or by the day it was
        // rotated (logrotate's dateext): entries up to the end of the next day at most.
        return day && *day + 2 * kDayUs + zoneSlackUs() >= sinceUs;
    }
    if (file.size == 0) return true; // nothing to read, but followed from its start
    const auto last = lastEntryTime(file.absolutePath, file.size);
    return !last || *last + kOrderSlackUs >= sinceUs;
}

std::optional<std::int64_t> parseWindowSeconds(const QString& text) {
    QString t = text.trimmed();
    double scale = 1;
    if (t.endsWith(QLatin1Char('w'))) { // weeks, which the field durations have no use for
        t.chop(1);
        scale = 7 * 86400;
    }
    const auto seconds = parseDurationSeconds(t);
    if (!seconds || !std::isfinite(*seconds) || *seconds <= 0 || *seconds * scale > 100 * 366 * 86400.0)
        return std::nullopt;
    return std::int64_t(std::ceil(*seconds * scale));
}

QString describeWindow(std::int64_t seconds) {
    if (seconds <= 0) return {};
    if (seconds % 86400 == 0) {
        const std::int64_t days = seconds / 86400;
        return days == 1 ? QStringLiteral("last 24 h") : QStringLiteral("last %1 days").arg(days);
    }
    if (seconds % 3600 == 0) return QStringLiteral("last %1 h").arg(seconds / 3600);
    if (seconds % 60 == 0) return QStringLiteral("last %1 min").arg(seconds / 60);
    return QStringLiteral("last %1 s").arg(seconds);
}

} // namespace vigil
