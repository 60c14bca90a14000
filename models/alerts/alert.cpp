#include "alert.h"

#include "../secrets/safetext.h"

namespace vigil {

QString Alert::shownInstance() const {
    return instance.isEmpty() ? QStringLiteral("all instances") : shownLogValue(instance);
}

QString Alert::valuesText() const {
    return QStringLiteral("%1 > %2 when it fired, %3 %4")
        .arg(formatAboveThreshold(metric, value, threshold), formatThreshold(metric, threshold),
             active() ? QStringLiteral("now") : QStringLiteral("last"),
             formatMetricValue(metric, currentValue));
}

QString Alert::summary() const {
    return QStringLiteral("%1 on %2: %3").arg(escapeControls(ruleName), shownInstance(), valuesText());
}

} // namespace vigil
