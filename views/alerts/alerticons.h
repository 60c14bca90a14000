#pragma once
// The alert state icons (ok, warning, critical) and Vigil's own icon, rendered from the
// SVG files in resources/icons at every size a tray, menu or title bar asks for.

#include "models/alerts/alertrule.h"

#include <QColor>
#include <QIcon>

namespace vigil {

QColor severityColor(Severity s);
QIcon severityIcon(Severity s);
QIcon vigilIcon();

} // namespace vigil
