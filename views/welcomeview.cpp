#include "welcomeview.h"

#include "alerts/alerticons.h"

#include <QCommandLinkButton>
#include <QDir>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace vigil {

namespace {
QString displayPath(const QString& path) {
    const QString home = QDir::homePath();
    return path.startsWith(home + QLatin1Char('/')) ? QStringLiteral("~") + path.mid(home.size()) : path;
}
} // namespace

WelcomeView::WelcomeView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("welcome"));
    // Scrolls rather than widening or heightening the window on a small screen.
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll);
    auto* page = new QWidget(scroll);
    scroll->setWidget(page);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->addStretch(1);

    auto* title = new QLabel(page);
    title->setPixmap(vigilIcon().pixmap(48, 48));
    title->setAlignment(Qt::AlignCenter);
    layout->addWidget(title);
    auto* heading = new QLabel(tr("<h2>Welcome to Vigil</h2>"
                                  "<p>Open the log folder of a deployment: every instance below it is read "
                                  "into one table, with live charts and alerts.</p>"),
                               page);
    heading->setAlignment(Qt::AlignCenter);
    heading->setWordWrap(true);
    layout->addWidget(heading);

    auto* actions = new QWidget(page);
    actions->setMaximumWidth(520);
    actions->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto* actionLayout = m_actionLayout = new QVBoxLayout(actions);
    actionLayout->setContentsMargins(0, 0, 0, 0);
    const struct {
        QString name, text, description;
        void (WelcomeView::*signal)();
    } buttons[] = {
        {QStringLiteral("welcomeOpenFolder"), tr("Open folder…"),
         tr("A deployment's log folder (Ctrl+O); all its instances, rotated and gzip backups included"),
         &WelcomeView::openFolderRequested},
        {QStringLiteral("welcomeOpenFiles"), tr("Open files…"), tr("One log file or several"),
         &WelcomeView::openFilesRequested},
        {QStringLiteral("welcomeDemo"), tr("Try the live demo"),
         tr("A small deployment that Vigil writes as you watch, with an error burst now and then"),
         &WelcomeView::demoRequested},
    };
    for (const auto& b : buttons) {
        auto* button = new QCommandLinkButton(b.text, b.description, actions);
        button->setObjectName(b.name);
        connect(button, &QCommandLinkButton::clicked, this, b.signal);
        actionLayout->addWidget(button);
    }
    // Centred, and as wide as the descriptions need up to 520 px.
    auto* centred = new QHBoxLayout;
    centred->addStretch(1);
    centred->addWidget(actions, 4);
    centred->addStretch(1);
    layout->addLayout(centred);

    m_recentBox = new QGroupBox(tr("Recent deployments"), page);
    m_recentBox->setMaximumWidth(520);
    m_recentList = new QVBoxLayout(m_recentBox);
    layout->addWidget(m_recentBox, 0, Qt::AlignHCenter);

    auto* drop = new QLabel(tr("Or drop folders or log files anywhere on this window."), page);
    drop->setAlignment(Qt::AlignCenter);
    drop->setWordWrap(true);
    drop->setEnabled(false); // greyed: a hint, not a control
    layout->addWidget(drop);
    layout->addStretch(2);
    setRecent({});
}

void WelcomeView::addOpenOption(const QString& label, QWidget* control) {
    auto* row = new QHBoxLayout;
    auto* text = new QLabel(label, this);
    text->setBuddy(control);
    row->addWidget(text);
    row->addWidget(control, 1);
    m_actionLayout->addLayout(row);
}

void WelcomeView::setRecent(const QList<QStringList>& recent) {
    while (QLayoutItem* item = m_recentList->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const QStringList& roots : recent) {
        QStringList shown;
        for (const QString& r : roots)
            shown << displayPath(r);
        auto* button = new QPushButton(shown.join(QStringLiteral(", ")), m_recentBox);
        button->setFlat(true);
        button->setToolTip(roots.join(QLatin1Char('\n')));
        button->setStyleSheet(QStringLiteral("QPushButton { text-align: left; }"));
        // A long path is cut, not allowed to widen the window.
        button->setMinimumWidth(0);
        button->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
        connect(button, &QPushButton::clicked, this, [this, roots] { Q_EMIT openRecentRequested(roots); });
        m_recentList->addWidget(button);
    }
    m_recentBox->setVisible(!recent.isEmpty());
}

} // namespace vigil
