#include "stateline.h"

#include <QPainter>

namespace vigil {

StateLine::StateLine(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
}

void StateLine::setText(const QString& text) {
    if (text == m_text) return;
    m_text = text;
    setToolTip(text);
    setAccessibleName(text);
    update();
}

QSize StateLine::sizeHint() const {
    return {0, fontMetrics().height()};
}

QSize StateLine::minimumSizeHint() const {
    return sizeHint();
}

void StateLine::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setPen(palette().color(foregroundRole()));
    painter.drawText(rect(), Qt::AlignLeft | Qt::AlignVCenter,
                     fontMetrics().elidedText(m_text, Qt::ElideRight, width()));
}

} // namespace vigil
