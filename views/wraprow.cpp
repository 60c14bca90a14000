#include "wraprow.h"

#include <QBoxLayout>
#include <QResizeEvent>

namespace vigil {

namespace {
QHBoxLayout* groupLayout(QWidget* group) {
    auto* layout = new QHBoxLayout(group);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    return layout;
}
} // namespace

WrapRow::WrapRow(QWidget* parent) : QWidget(parent) {
    m_outer = new QBoxLayout(QBoxLayout::LeftToRight, this);
    m_outer->setContentsMargins(0, 0, 0, 0);
    m_outer->setSpacing(8);
    m_first = new QWidget(this);
    m_second = new QWidget(this);
    m_firstLayout = groupLayout(m_first);
    m_secondLayout = groupLayout(m_second);
    m_outer->addWidget(m_first);
    m_outer->addWidget(m_second, 1);
}

bool WrapRow::wrapped() const {
    return m_outer->direction() == QBoxLayout::TopToBottom;
}

int WrapRow::sideBySideWidth() const {
    // The first group at its natural width, the second at least at its minimum.
    return m_first->sizeHint().width() + m_outer->spacing() + m_second->minimumSizeHint().width();
}

QSize WrapRow::sizeHint() const {
    const QSize a = m_first->sizeHint(), b = m_second->sizeHint();
    if (wrapped()) return {std::max(a.width(), b.width()), a.height() + m_outer->spacing() + b.height()};
    return {a.width() + m_outer->spacing() + b.width(), std::max(a.height(), b.height())};
}

QSize WrapRow::minimumSizeHint() const {
    const QSize a = m_first->minimumSizeHint(), b = m_second->minimumSizeHint();
    const int width = std::max(a.width(), b.width());
    if (wrapped()) return {width, a.height() + m_outer->spacing() + b.height()};
    return {width, std::max(a.height(), b.height())};
}

void WrapRow::resizeEvent(QResizeEvent* event) {
    const auto direction =
        event->size().width() < sideBySideWidth() ? QBoxLayout::TopToBottom : QBoxLayout::LeftToRight;
    if (direction != m_outer->direction()) {
        m_outer->setDirection(direction);
        updateGeometry(); // the height changes: the parent lays out again
    }
    QWidget::resizeEvent(event);
}

} // namespace vigil
