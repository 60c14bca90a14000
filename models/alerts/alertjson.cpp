#include "alertjson.h"

#include "../metrics/timemath.h"
#include "../secrets/secretmasker.h"

#include <QDateTime>
#include <QJsonArray>

namespace vigil {

QString isoTime(std::int64_t epochUs) {
    return QDateTime::fromMSecsSinceEpoch(msFromUs(epochUs), Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject alertToJson(const Alert& a) {
    QJsonObject o;
    o.insert(QStringLiteral("id"), double(a.id));
    o.insert(QStringLiteral("rule"), a.ruleId);
    o.insert(QStringLiteral("name"), a.ruleName);
    o.insert(QStringLiteral("metric"), metricKey(a.metric));
    o.insert(QStringLiteral("instance"), a.instance.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                              : QJsonValue(SecretMasker().mask(a.instance)));
    o.insert(QStringLiteral("severity"), severityName(a.severity));
    o.insert(QStringLiteral("peak_severity"), severityName(a.peakSeverity));
    o.insert(QStringLiteral("value"), a.value);
    o.insert(QStringLiteral("peak_value"), a.peakValue);
    o.insert(QStringLiteral("threshold"), a.threshold);
    o.insert(QStringLiteral("unit"), metricUnit(a.metric));
    o.insert(QStringLiteral("raised"), isoTime(a.raisedUs));
    o.insert(QStringLiteral("resolved"),
             a.active() ? QJsonValue(QJsonValue::Null) : QJsonValue(isoTime(a.resolvedUs)));
    o.insert(QStringLiteral("window_seconds"), double(a.windowUs / 1000000));
    o.insert(QStringLiteral("repeats"), a.repeats);
    o.insert(QStringLiteral("acknowledged"), a.acknowledged);
    return o;
}

QJsonObject webhookPayload(const Alert& a, AlertEvent event) {
    const bool resolved = event == AlertEvent::Resolved;
    const QString head = resolved ? QStringLiteral("Resolved") : severityName(a.severity).toUpper();
    const QString text = QStringLiteral("[Vigil] %1: %2").arg(head, a.summary());
    const QString colour = resolved                           ? QStringLiteral("good")
                           : a.severity == Severity::Critical ? QStringLiteral("danger")
                                                              : QStringLiteral("warning");
    QJsonArray fields;
    auto field = [&](const QString& title, const QString& value) {
        fields.append(QJsonObject{{QStringLiteral("title"), title},
                                  {QStringLiteral("value"), value},
                                  {QStringLiteral("short"), true}});
    };
    field(QStringLiteral("Instance"), a.shownInstance());
    field(QStringLiteral("Rule"), a.ruleName);
    field(QStringLiteral("Value"), formatAboveThreshold(a.metric, a.value, a.threshold));
    field(QStringLiteral("Threshold"), formatThreshold(a.metric, a.threshold));
    field(QStringLiteral("Raised"), isoTime(a.raisedUs));
    if (resolved) field(QStringLiteral("Resolved"), isoTime(a.resolvedUs));
    QJsonObject attachment{{QStringLiteral("color"), colour},
                           {QStringLiteral("fallback"), text},
                           {QStringLiteral("title"), a.ruleName},
                           {QStringLiteral("fields"), fields}};
    QJsonObject o{{QStringLiteral("text"), text}, {QStringLiteral("attachments"), QJsonArray{attachment}}};
    QJsonObject v = alertToJson(a);
    v.insert(QStringLiteral("event"), resolved ? QStringLiteral("resolved") : QStringLiteral("raised"));
    o.insert(QStringLiteral("vigil"), v);
    return o;
}

} // namespace vigil
