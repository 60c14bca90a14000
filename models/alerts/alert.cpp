#include "alert.h"

namespace vigil {

QString Alert::valuesText() const {
    return QStringLiteral("%1 > %2 when it fired, %3 %4")
        .arg(formatAboveThreshold(metric, value, threshold), formatThreshold(metric, threshold),
             active() ? QStringLiteral("now") : QStringLiteral("last"),
             formatMetricValue(metric, currentValue));
}

QString Alert::summary() const {
    const QString where = instance.isEmpty() ? QStringLiteral("all instances") : instance;
    return QStringLiteral("%1 on %2: %3").arg(ruleName, where, valuesText());
}

} // namespace vigil
