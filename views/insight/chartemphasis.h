#pragma once
// Draws the lines of the instances that stand out from their siblings twice as thick on a
// chart, so the odd one is seen among a dozen lines. Works on the series' names (an
// instance's label, alone or followed by " p95"), whatever chart drew them.

#include <QStringList>

#include <QChart>

namespace vigil {

void emphasiseInstances(QChart* chart, const QStringList& labels);

} // namespace vigil
