#include "alert.h"

#include "../secrets/safetext.h"

namespace vigil {

QString Alert::shownInstance() const {
    return instance.isEmpty() ? QStringLiteral("all instances") : shownLogValue(instance);
}

QString Alert::summary() const {
    return QStringLiteral("%1 on %2: %3 > %4")
        .arg(escapeControls(ruleName), shownInstance(), formatMetricValue(metric, value),
             formatMetricValue(metric, threshold));
}

} // namespace vigil
