#pragma once
// Level colours that stay readable on light and dark palettes: a text colour per level,
// and a faint row tint for errors, both derived from whether the palette is dark.

#include "models/store/level.h"

#include <QColor>
#include <QPalette>

namespace vigil {

bool isDarkPalette(const QPalette& palette);
// Text colour for a level; invalid (use the palette's) for levels shown plainly.
QColor levelTextColor(Level level, const QPalette& palette);
// Row background tint for ERROR and CRITICAL; invalid for others.
QColor levelRowTint(Level level, const QPalette& palette);

} // namespace vigil
