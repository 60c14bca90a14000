#include "alert.h"

namespace vigil {

QString Alert::summary() const {
    const QString where = instance.isEmpty() ? QStringLiteral("all instances") : instance;
    return QStringLiteral("%1 on %2: %3 > %4")
        .arg(ruleName, where, formatMetricValue(metric, value), formatMetricValue(metric, threshold));
}

} // namespace vigil
