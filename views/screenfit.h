#pragma once
// Where the window goes on the screen it opens on. A geometry saved on a 4K monitor, or
// the old first-run size of at least 1200×800, put the window's edges off a laptop's screen.

#include <QRect>

namespace vigil {

// `wanted` made no larger than `available` and moved inside it.
QRect fittedGeometry(const QRect& wanted, const QRect& available);
// The first run's geometry: most of the screen, centred.
QRect firstRunGeometry(const QRect& available);

} // namespace vigil
