#include "findbar.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

namespace vigil {

FindBar::FindBar(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("findBar"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 1, 4, 1);
    layout->setSpacing(4);
    layout->addWidget(new QLabel(tr("Find in shown entries:"), this));
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("find"));
    m_edit->setPlaceholderText(tr("text (any case); Enter: next, Shift+Enter: previous"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setMinimumWidth(120);
    m_edit->installEventFilter(this);
    layout->addWidget(m_edit, 1);
    m_previous = new QToolButton(this);
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setToolTip(tr("Previous match (Shift+F3)"));
    m_next = new QToolButton(this);
    m_next->setArrowType(Qt::DownArrow);
    m_next->setToolTip(tr("Next match (F3)"));
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("findStatus"));
    m_status->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("99,999 of 99,999")));
    layout->addWidget(m_status);
    m_close = new QToolButton(this);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Close (Esc)"));
    layout->addWidget(m_close);

    // The rows' text is read on each change: wait for a pause in typing.
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(200);
    connect(m_edit, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, [this] { Q_EMIT textChanged(m_edit->text()); });
    connect(m_next, &QToolButton::clicked, this, &FindBar::next);
    connect(m_previous, &QToolButton::clicked, this, &FindBar::previous);
    connect(m_close, &QToolButton::clicked, this, [this] {
        hide();
        Q_EMIT closed();
    });
    hide();
}

void FindBar::open() {
    show();
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

QString FindBar::text() const {
    return m_edit->text();
}

void FindBar::setStatus(const QString& status, bool problem) {
    m_status->setText(status);
    m_status->setStyleSheet(problem ? QStringLiteral("QLabel { color: #d03030; }") : QString());
}

bool FindBar::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_edit &&
        (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        auto* key = static_cast<QKeyEvent*>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        // Esc here closes the bar rather than clearing every filter.
        if (key->key() == Qt::Key_Escape || enter) {
            if (event->type() == QEvent::ShortcutOverride) {
                event->accept();
                return false;
            }
            if (key->key() == Qt::Key_Escape) {
                hide();
                Q_EMIT closed();
                return true;
            }
            // Typed text is applied first, so Enter finds what was just typed.
            if (m_debounce->isActive()) {
                m_debounce->stop();
                Q_EMIT textChanged(m_edit->text());
            }
            if (key->modifiers() & Qt::ShiftModifier)
                Q_EMIT previous();
            else
                Q_EMIT next();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace vigil
