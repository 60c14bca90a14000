#include "screenfit.h"

#include <algorithm>

namespace vigil {

QRect fittedGeometry(const QRect& wanted, const QRect& available) {
    // Room for the window manager's title bar and borders, which the frame adds outside.
    constexpr int kFrameWidth = 8, kFrameHeight = 40;
    const int width = std::min(wanted.width(), std::max(1, available.width() - kFrameWidth));
    const int height = std::min(wanted.height(), std::max(1, available.height() - kFrameHeight));
    QRect fitted(wanted.topLeft(), QSize(width, height));
    if (fitted.right() > available.right()) fitted.moveRight(available.right());
    if (fitted.bottom() > available.bottom() - kFrameHeight + kFrameWidth)
        fitted.moveBottom(available.bottom() - kFrameHeight + kFrameWidth);
    if (fitted.left() < available.left()) fitted.moveLeft(available.left());
    if (fitted.top() < available.top()) fitted.moveTop(available.top());
    return fitted;
}

QRect firstRunGeometry(const QRect& available) {
    QRect rect(0, 0, available.width() * 9 / 10, available.height() * 9 / 10);
    rect.moveCenter(available.center());
    return fittedGeometry(rect, available);
}

} // namespace vigil
