#include "diffreport.h"

#include "patternreport.h"

#include "../secrets/safetext.h"
#include "../secrets/secretmasker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace vigil {

namespace {
QString levelText(Level level) {
    const std::string_view name = levelName(level);
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

QString rangeText(TimeRange r) {
    return QStringLiteral("%1..%2").arg(patternTime(r.fromUs), patternTime(r.toUs));
}
} // namespace

QString patternChangeLine(const PatternChange& c) {
    const SecretMasker masker;
    const qint64 delta = qint64(c.after) - qint64(c.before);
    return QStringLiteral("%1 %2  (%3 → %4/min)  %5  %6")
        .arg(patternChangeKindName(c.kind).leftJustified(7))
        .arg(QStringLiteral("%1%2").arg(delta >= 0 ? QStringLiteral("+") : QString()).arg(delta), 7)
        .arg(c.beforePerMinute, 0, 'g', 3)
        .arg(c.afterPerMinute, 0, 'g', 3)
        .arg(levelText(c.highest).leftJustified(8))
        .arg(shownLogValue(QString::fromStdString(c.pattern), masker));
}

QString diffText(const RangeDiffReport& r, const InstanceTable& instances, std::size_t limit) {
    QString out = QStringLiteral("before %1 (%2 entries)\nafter  %3 (%4 entries)\n")
                      .arg(rangeText(r.before))
                      .arg(r.patterns.entriesBefore)
                      .arg(rangeText(r.after))
                      .arg(r.patterns.entriesAfter);
    out += QStringLiteral("\npatterns (new, changed in rate, gone):\n");
    const std::size_t n = std::min(limit, r.patterns.changes.size());
    for (std::size_t i = 0; i < n; ++i)
        out += QStringLiteral("  %1\n").arg(patternChangeLine(r.patterns.changes[i]));
    if (n == 0) out += QStringLiteral("  none\n");
    if (!r.patterns.perInstance.empty()) {
        out += QStringLiteral("\nper instance:\n");
        for (const InstancePatternChange& ic : r.patterns.perInstance)
            out += QStringLiteral("  %1: %2\n")
                       .arg(shownLogValue(instances.label(ic.instance)), patternChangeLine(ic.change));
    }
    out += QStringLiteral("\nmetrics that moved:\n");
    for (const MetricChange& m : r.metrics)
        out += QStringLiteral("  %1 %2: %3 → %4\n")
                   .arg(shownLogValue(m.scope), m.metric, m.beforeText, m.afterText);
    if (r.metrics.empty()) out += QStringLiteral("  none\n");
    out += QStringLiteral("(compared in %1 s)\n").arg(r.seconds, 0, 'f', 2);
    return out;
}

QByteArray diffJson(const RangeDiffReport& r, const InstanceTable& instances, std::size_t limit) {
    const SecretMasker masker;
    auto change = [&](const PatternChange& c) {
        QJsonObject perInstance;
        for (const auto& [id, n] : c.instances)
            perInstance.insert(masker.mask(instances.label(id)),
                               QJsonObject{{QStringLiteral("before"), double(n.first)},
                                           {QStringLiteral("after"), double(n.second)}});
        return QJsonObject{{QStringLiteral("kind"), patternChangeKindName(c.kind)},
                           {QStringLiteral("pattern"), masker.mask(QString::fromStdString(c.pattern))},
                           {QStringLiteral("before"), double(c.before)},
                           {QStringLiteral("after"), double(c.after)},
                           {QStringLiteral("before_per_minute"), c.beforePerMinute},
                           {QStringLiteral("after_per_minute"), c.afterPerMinute},
                           {QStringLiteral("highest_level"), levelText(c.highest)},
                           {QStringLiteral("instances"), perInstance}};
    };
    QJsonArray patterns, perInstance, metrics;
    for (std::size_t i = 0; i < std::min(limit, r.patterns.changes.size()); ++i)
        patterns.append(change(r.patterns.changes[i]));
    for (const InstancePatternChange& ic : r.patterns.perInstance) {
        QJsonObject o = change(ic.change);
        o.remove(QStringLiteral("instances"));
        o.insert(QStringLiteral("instance"), masker.mask(instances.label(ic.instance)));
        perInstance.append(o);
    }
    for (const MetricChange& m : r.metrics)
        metrics.append(QJsonObject{{QStringLiteral("scope"), masker.mask(m.scope)},
                                   {QStringLiteral("metric"), m.metric},
                                   {QStringLiteral("before"), m.before},
                                   {QStringLiteral("after"), m.after}});
    const QJsonObject root{
        {QStringLiteral("before"),
         QJsonObject{{QStringLiteral("from"), patternTime(r.before.fromUs)},
                     {QStringLiteral("to"), patternTime(r.before.toUs)},
                     {QStringLiteral("entries"), double(r.patterns.entriesBefore)}}},
        {QStringLiteral("after"), QJsonObject{{QStringLiteral("from"), patternTime(r.after.fromUs)},
                                              {QStringLiteral("to"), patternTime(r.after.toUs)},
                                              {QStringLiteral("entries"), double(r.patterns.entriesAfter)}}},
        {QStringLiteral("patterns"), patterns},
        {QStringLiteral("per_instance"), perInstance},
        {QStringLiteral("metrics"), metrics},
        {QStringLiteral("seconds"), r.seconds}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace vigil
