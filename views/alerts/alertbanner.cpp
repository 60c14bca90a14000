#include "alertbanner.h"

#include "../wraprow.h"
#include "alerticons.h"
#include "models/metrics/timemath.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QResizeEvent>

#include <algorithm>

namespace vigil {

AlertBanner::AlertBanner(QWidget* parent) : QFrame(parent) {
    setObjectName(QStringLiteral("alertBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto* outer = new QHBoxLayout(this);
    outer->setContentsMargins(8, 4, 8, 4);
    // The buttons go below the text on a narrow window, so the text keeps its width.
    auto* row = new WrapRow(this);
    outer->addWidget(row);
    QHBoxLayout* layout = row->first();
    m_icon = new QLabel(this);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("alertBannerText"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->installEventFilter(this);
    m_measure.setTextFormat(Qt::PlainText);
    m_measure.setWordWrap(true);
    m_show = new QPushButton(tr("Show entries"), this);
    m_ack = new QPushButton(tr("Acknowledge"), this);
    m_list = new QPushButton(tr("All alerts…"), this);
    m_close = new QPushButton(tr("Hide"), this);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    row->second()->addStretch(1);
    for (QPushButton* b : {m_show, m_ack, m_list, m_close})
        row->second()->addWidget(b);
    connect(m_show, &QPushButton::clicked, this, [this] { Q_EMIT showEntriesRequested(m_alertId); });
    connect(m_ack, &QPushButton::clicked, this, [this] { Q_EMIT acknowledgeRequested(m_alertId); });
    connect(m_list, &QPushButton::clicked, this, &AlertBanner::listRequested);
    connect(m_close, &QPushButton::clicked, this, &QWidget::hide);
    hide();
}

void AlertBanner::paintState(Severity s) {
    if (s == m_painted && !m_icon->pixmap().isNull()) return; // a new palette repaints every child
    m_painted = s;
    m_icon->setPixmap(severityIcon(s).pixmap(24, 24));
    QPalette p = palette();
    QColor c = severityColor(s);
    c.setAlpha(60);
    p.setColor(QPalette::Window, c);
    setPalette(p);
}

void AlertBanner::showAlert(const Alert& a, int activeCount, int criticalCount) {
    m_alertId = a.id;
    paintState(a.severity);
    const QString when =
        QDateTime::fromMSecsSinceEpoch(msFromUs(a.raisedUs)).toString(QStringLiteral("HH:mm:ss"));
    QString text = tr("%1 %2 — %3").arg(severityName(a.severity).toUpper(), when, a.summary());
    if (activeCount > 1) text += tr("   (%1 active, %2 critical)").arg(activeCount).arg(criticalCount);
    present(text, a.severity, true);
}

void AlertBanner::showMessage(const QString& text, Severity severity) {
    m_alertId = 0;
    present(text, severity, false);
}

void AlertBanner::present(const QString& text, Severity severity, bool forAlert) {
    paintState(severity);
    // An unchanged text is not set again: setText() lays out every widget up to the window.
    if (text != m_text->text()) {
        holdTextHeight();
        m_text->setText(text);
    }
    m_show->setVisible(forAlert);
    m_ack->setVisible(forAlert);
    show();
}

void AlertBanner::holdTextHeight() {
    // The height the layout gave the text while shown, never one computed ahead of a layout:
    // a label not laid out yet (a hundred pixels wide) would ask for dozens of lines, and the
    // window for more than the screen. And no more than its lines take at its width: for a
    // layout after its width changed, the label keeps the height it had before.
    if (!isVisible()) return;
    m_measure.setFont(m_text->font());
    m_measure.setText(m_text->text());
    const int held = std::min(m_text->height(), m_measure.heightForWidth(m_text->width()));
    if (held > m_text->minimumHeight()) m_text->setMinimumHeight(held);
}

void AlertBanner::hideEvent(QHideEvent* event) {
    m_text->setMinimumHeight(0); // shown again, it starts from its text
    QFrame::hideEvent(event);
}

bool AlertBanner::eventFilter(QObject* watched, QEvent* event) {
    // At another width the text wraps anew: the height held for the old one no longer
    // applies. The text's width changes without the banner's too, when the buttons move
    // below it: the height held while it was squeezed beside them, on the window's first
    // layout, left a blank band above them (at scale 2, the log table below showed two rows
    // instead of five).
    if (watched == m_text && event->type() == QEvent::Resize) {
        const auto* resize = static_cast<QResizeEvent*>(event);
        if (resize->oldSize().width() != resize->size().width()) m_text->setMinimumHeight(0);
    }
    return QFrame::eventFilter(watched, event);
}

void AlertBanner::clearAlert() {
    m_alertId = 0;
    hide();
}

QString AlertBanner::text() const {
    return m_text->text();
}

} // namespace vigil
