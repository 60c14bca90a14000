#pragma once
// Sets the text of a label or button whose text changes often (live counts) while keeping
// its size fixed, growing its width in steps only when the text no longer fits. A widget
// with a fixed size does not ask its window to lay out again when its text changes, so a
// count ticking up does not move its neighbours or repaint around them several times a
// second. Both dimensions must be fixed: with the width alone, each new text still posted
// a layout request that went up to the main window (290 of them while opening 1 GB, a
// few ms of the GUI thread each).

#include <QString>

namespace vigil {

template <typename Widget> void setTextStableWidth(Widget* widget, const QString& text) {
    if (widget->text() == text) return;
    widget->setText(text);
    const int want = widget->sizeHint().width();
    const bool fixed = widget->minimumWidth() == widget->maximumWidth();
    if (!fixed || want > widget->maximumWidth()) widget->setFixedWidth((want + 23) / 24 * 24);
    if (widget->minimumHeight() != widget->maximumHeight())
        widget->setFixedHeight(widget->sizeHint().height());
}

} // namespace vigil
