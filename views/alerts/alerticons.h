#pragma once
// The alert state icons (ok, warning, critical), drawn with QPainter so no image files
// or downloads are needed: a filled disc with a check mark or an exclamation mark.

#include "models/alerts/alertrule.h"

#include <QColor>
#include <QIcon>

namespace vigil {

QColor severityColor(Severity s);
QIcon severityIcon(Severity s);

} // namespace vigil
