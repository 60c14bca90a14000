#include "openwindowchoice.h"

#include <QActionGroup>
#include <QComboBox>
#include <QMenu>

namespace vigil {

namespace {
struct Choice {
    std::int64_t seconds;
    const char* text;
};
const Choice kChoices[] = {
    {0, QT_TRANSLATE_NOOP("OpenWindowChoice", "Everything")},
    {3600, QT_TRANSLATE_NOOP("OpenWindowChoice", "Only the last 1 h")},
    {6 * 3600, QT_TRANSLATE_NOOP("OpenWindowChoice", "Only the last 6 h")},
    {24 * 3600, QT_TRANSLATE_NOOP("OpenWindowChoice", "Only the last 24 h")},
    {7 * 86400, QT_TRANSLATE_NOOP("OpenWindowChoice", "Only the last 7 days")},
};
} // namespace

OpenWindowChoice::OpenWindowChoice(QObject* parent) : QObject(parent) {}

void OpenWindowChoice::setSeconds(std::int64_t seconds) {
    if (seconds == m_seconds) return;
    m_seconds = seconds;
    if (m_group)
        for (QAction* a : m_group->actions())
            a->setChecked(a->data().toLongLong() == seconds);
    if (m_combo) {
        const QSignalBlocker blocker(m_combo);
        int index = m_combo->findData(qlonglong(seconds));
        if (index < 0) {
            m_combo->addItem(tr("Only the last %1 s").arg(seconds), qlonglong(seconds));
            index = m_combo->count() - 1;
        }
        m_combo->setCurrentIndex(index);
    }
    Q_EMIT changed(seconds);
}

QMenu* OpenWindowChoice::makeMenu(QWidget* parent) {
    auto* menu = new QMenu(tr("Time &window"), parent);
    menu->setObjectName(QStringLiteral("timeWindowMenu"));
    m_group = new QActionGroup(menu);
    for (const Choice& c : kChoices) {
        QAction* a = menu->addAction(tr(c.text));
        a->setCheckable(true);
        a->setData(qlonglong(c.seconds));
        a->setChecked(c.seconds == m_seconds);
        m_group->addAction(a);
        connect(a, &QAction::triggered, this, [this, s = c.seconds] { setSeconds(s); });
    }
    return menu;
}

QComboBox* OpenWindowChoice::makeCombo(QWidget* parent) {
    m_combo = new QComboBox(parent);
    m_combo->setObjectName(QStringLiteral("timeWindowCombo"));
    m_combo->setToolTip(tr("Older rotated and compressed files are not read at all"));
    for (const Choice& c : kChoices)
        m_combo->addItem(tr(c.text), qlonglong(c.seconds));
    m_combo->setCurrentIndex(m_combo->findData(qlonglong(m_seconds)));
    connect(m_combo, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this](int index) { setSeconds(m_combo->itemData(index).toLongLong()); });
    return m_combo;
}

} // namespace vigil
