#include "nomatchesoverlay.h"

#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace vigil {

NoMatchesOverlay::NoMatchesOverlay(QWidget* area) : QWidget(area) {
    setObjectName(QStringLiteral("noMatches"));
    auto* layout = new QVBoxLayout(this);
    m_text = new QLabel(this);
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true);
    layout->addWidget(m_text);
    auto* clear = new QPushButton(tr("Clear filters"), this);
    clear->setObjectName(QStringLiteral("clearFilters"));
    connect(clear, &QPushButton::clicked, this, &NoMatchesOverlay::clearFiltersRequested);
    layout->addWidget(clear, 0, Qt::AlignHCenter);
    area->installEventFilter(this);
    hide();
}

void NoMatchesOverlay::update(quint64 held, quint64 shown, bool settled) {
    const bool empty = settled && held > 0 && shown == 0;
    if (empty)
        m_text->setText(tr("No entries match the filters (%1 entries are held).")
                            .arg(QLocale().toString(qulonglong(held))));
    if (empty == isVisible()) return;
    setVisible(empty);
    if (empty) place();
}

void NoMatchesOverlay::place() {
    const QRect area = parentWidget()->rect();
    const QSize size = sizeHint().boundedTo(area.size());
    setGeometry(QRect(area.center() - QPoint(size.width() / 2, size.height() / 2), size));
    raise();
}

bool NoMatchesOverlay::eventFilter(QObject* watched, QEvent* event) {
    if (watched == parentWidget() && event->type() == QEvent::Resize && isVisible()) place();
    return QWidget::eventFilter(watched, event);
}

} // namespace vigil
