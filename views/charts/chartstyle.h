#pragma once
// Colours and pens shared by the charts: one colour per instance (the same in every
// chart), one per log level, line styles per percentile, and a chart theme that follows
// the widget palette so the charts read well in light and dark desktops.

#include "models/metrics/chartdata.h"
#include "models/store/level.h"

#include <QColor>
#include <QPalette>
#include <QPen>

class QChartView;

namespace vigil {

QColor instanceColor(InstanceId instance, bool dark);
QColor levelColor(Level level, bool dark);
QPen percentilePen(Percentile p, const QColor& color);
QPen thresholdPen(bool critical, bool dark);

bool isDarkChartPalette(const QPalette& palette);
// Background, axes, grid and legend colours from the palette; no animations.
void applyChartPalette(QChartView* view, const QPalette& palette);

} // namespace vigil
