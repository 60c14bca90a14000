#include "levelcolors.h"

namespace vigil {

bool isDarkPalette(const QPalette& palette) {
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor levelTextColor(Level level, const QPalette& palette) {
    const bool dark = isDarkPalette(palette);
    switch (level) {
    case Level::Trace:
    case Level::Debug:
        return palette.color(QPalette::Disabled, QPalette::Text);
    case Level::Warning:
        return dark ? QColor(0xf0, 0xc0, 0x4a) : QColor(0x9a, 0x5b, 0x00);
    case Level::Error:
        return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xb3, 0x1d, 0x1d);
    case Level::Critical:
        return dark ? QColor(0xff, 0x9b, 0xe0) : QColor(0x8b, 0x0a, 0x6e);
    default:
        return {};
    }
}

QColor levelRowTint(Level level, const QPalette& palette) {
    if (!isErrorOrAbove(level)) return {};
    const bool dark = isDarkPalette(palette);
    return dark ? QColor(0xff, 0x50, 0x50, 34) : QColor(0xd0, 0x20, 0x20, 22);
}

} // namespace vigil
