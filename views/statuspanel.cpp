#include "statuspanel.h"

#include "stablewidth.h"
#include "stateline.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

namespace vigil {

StatusPanel::StatusPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(16);
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("counts"));
    m_rate = new QLabel(this);
    m_files = new QLabel(this);
    // The state line gives way on a narrow window (cut, whole in its tooltip) rather than
    // widening it.
    m_state = new StateLine(this);
    m_problems = new QPushButton(this);
    m_problems->setFlat(true);
    m_problems->setStyleSheet(QStringLiteral("QPushButton { color: #d03030; }"));
    m_problems->setVisible(false);
    for (QWidget* w :
         {static_cast<QWidget*>(m_counts), static_cast<QWidget*>(m_rate), static_cast<QWidget*>(m_files),
          static_cast<QWidget*>(m_problems), static_cast<QWidget*>(m_state)})
        layout->addWidget(w, w == m_state ? 1 : 0);
    connect(m_problems, &QPushButton::clicked, this, [this] {
        QStringList lines;
        for (const IngestError& e : m_list)
            lines << QStringLiteral("%1\n    %2").arg(e.path, e.message);
        QMessageBox box(QMessageBox::Warning, tr("Unreadable files"),
                        tr("%n file(s) or folder(s) could not be read.", "", int(m_list.size())),
                        QMessageBox::Ok, this);
        box.setDetailedText(lines.join(QLatin1Char('\n')));
        box.exec();
    });
}

void StatusPanel::setCounts(quint64 total, quint64 shown, double ratePerSecond, int files, quint64 notHeld) {
    const QLocale locale;
    QString counts = tr("%1 entries · %2 shown").arg(locale.toString(total), locale.toString(shown));
    if (notHeld > 0) counts += tr(" · %1 oldest not held (memory limit)").arg(locale.toString(notHeld));
    setTextStableWidth(m_counts, counts);
    setTextStableWidth(m_rate, tr("%1 entries/s").arg(locale.toString(qlonglong(ratePerSecond))));
    setTextStableWidth(m_files, tr("%n file(s)", "", files));
}

void StatusPanel::setState(const QString& state) {
    m_state->setText(state);
}

QString StatusPanel::stateText() const {
    return m_state->text();
}

void StatusPanel::setProblems(const std::vector<IngestError>& problems) {
    m_list = problems;
    m_problems->setText(tr("⚠ %n unreadable", "", int(problems.size())));
    m_problems->setVisible(!problems.empty());
}

} // namespace vigil
