#include "patternreport.h"

#include "../metrics/timemath.h"
#include "../secrets/safetext.h"
#include "../secrets/secretmasker.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace vigil {

void sortPatterns(std::vector<PatternRow>& rows, PatternOrder order) {
    if (order == PatternOrder::Count) {
        std::stable_sort(rows.begin(), rows.end(), [](const PatternRow& a, const PatternRow& b) {
            return a.count != b.count ? a.count > b.count : a.pattern < b.pattern;
        });
    } else {
        std::stable_sort(rows.begin(), rows.end(),
                         [](const PatternRow& a, const PatternRow& b) { return a.firstUs > b.firstUs; });
    }
}

QString patternTime(std::int64_t us) {
    if (us == INT64_MAX || us == INT64_MIN) return {};
    return QDateTime::fromMSecsSinceEpoch(msFromUs(us), Qt::UTC).toString(Qt::ISODateWithMs);
}

namespace {
QString instanceList(const PatternRow& r, const InstanceTable& instances) {
    QStringList names;
    for (const auto& [id, n] : r.instances)
        names << QStringLiteral("%1 %2").arg(shownLogValue(instances.label(id)), QString::number(n));
    return names.join(QStringLiteral(", "));
}
} // namespace

QString patternsText(const std::vector<PatternRow>& rows, const InstanceTable& instances, std::size_t limit,
                     std::uint64_t entries, double seconds) {
    QString out;
    const SecretMasker masker;
    const std::size_t n = std::min(limit, rows.size());
    for (std::size_t i = 0; i < n; ++i) {
        const PatternRow& r = rows[i];
        out += QStringLiteral("%1  %2\n")
                   .arg(r.count, 9)
                   .arg(shownLogValue(QString::fromStdString(r.pattern), masker));
        out += QStringLiteral("           %1 .. %2  %3\n")
                   .arg(patternTime(r.firstUs), patternTime(r.lastUs), instanceList(r, instances));
    }
    out += QStringLiteral("%1 patterns (%2 shown) in %3 entries, mined in %4 s\n")
               .arg(rows.size())
               .arg(n)
               .arg(entries)
               .arg(seconds, 0, 'f', 2);
    return out;
}

QByteArray patternsJson(const std::vector<PatternRow>& rows, const InstanceTable& instances,
                        std::size_t limit, std::uint64_t entries, double seconds) {
    const SecretMasker masker;
    QJsonArray list;
    const std::size_t n = std::min(limit, rows.size());
    for (std::size_t i = 0; i < n; ++i) {
        const PatternRow& r = rows[i];
        QJsonObject perInstance;
        for (const auto& [id, count] : r.instances)
            perInstance.insert(masker.mask(instances.label(id)), double(count));
        QJsonArray spark;
        for (std::uint32_t v : r.sparkline)
            spark.append(double(v));
        list.append(
            QJsonObject{{QStringLiteral("pattern"), masker.mask(QString::fromStdString(r.pattern))},
                        {QStringLiteral("count"), double(r.count)},
                        {QStringLiteral("instances"), perInstance},
                        {QStringLiteral("first"), patternTime(r.firstUs)},
                        {QStringLiteral("last"), patternTime(r.lastUs)},
                        {QStringLiteral("highest_level"),
                         QString::fromLatin1(levelName(r.highest).data(), int(levelName(r.highest).size()))},
                        {QStringLiteral("sparkline"), spark}});
    }
    const QJsonObject root{{QStringLiteral("patterns"), list},
                           {QStringLiteral("total_patterns"), double(rows.size())},
                           {QStringLiteral("entries"), double(entries)},
                           {QStringLiteral("seconds"), seconds}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace vigil
