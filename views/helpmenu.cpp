#include "helpmenu.h"

#include "alerts/alerticons.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace vigil {

namespace {
void collectShortcuts(QMenu* menu, const QString& path, QTableWidget* table) {
    for (QAction* action : menu->actions()) {
        if (action->menu()) {
            collectShortcuts(action->menu(), path + QStringLiteral(" › ") + action->menu()->title(), table);
            continue;
        }
        if (action->shortcut().isEmpty()) continue;
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(action->shortcut().toString(QKeySequence::NativeText)));
        QString text = path + QStringLiteral(" › ") + action->text();
        table->setItem(row, 1, new QTableWidgetItem(text.remove(QLatin1Char('&'))));
    }
}

void showShortcuts(QMainWindow* window) {
    QDialog dialog(window);
    dialog.setObjectName(QStringLiteral("shortcutsDialog"));
    dialog.setWindowTitle(QObject::tr("Keyboard shortcuts"));
    auto* layout = new QVBoxLayout(&dialog);
    auto* table = new QTableWidget(0, 2, &dialog);
    table->setHorizontalHeaderLabels({QObject::tr("Keys"), QObject::tr("Action")});
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (QAction* top : window->menuBar()->actions())
        if (top->menu()) collectShortcuts(top->menu(), top->menu()->title().remove(QLatin1Char('&')), table);
    table->resizeColumnToContents(0);
    layout->addWidget(table);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(520, 420);
    dialog.exec();
}

// The guide is Markdown, shown by Qt itself: no browser or viewer needs to be installed.
void showUserGuide(QMainWindow* window) {
    const QString path = userGuidePath();
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        QMessageBox::information(window, QObject::tr("User guide"),
                                 QObject::tr("The user guide is not installed."));
        return;
    }
    auto* dialog = new QDialog(window);
    dialog->setObjectName(QStringLiteral("userGuideDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(QObject::tr("Vigil user guide"));
    auto* layout = new QVBoxLayout(dialog);
    auto* text = new QTextBrowser(dialog);
    text->setOpenExternalLinks(true);
    text->setSearchPaths({QFileInfo(path).absolutePath()}); // its screenshots
    text->setMarkdown(QString::fromUtf8(file.readAll()));
    layout->addWidget(text);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    layout->addWidget(buttons);
    // Most of the window, never more than the screen it is on.
    dialog->resize(window->size().boundedTo(QSize(900, 1000)) * 9 / 10);
    dialog->show();
}

void showAbout(QMainWindow* window) {
    QMessageBox box(window);
    box.setObjectName(QStringLiteral("aboutDialog"));
    box.setWindowTitle(QObject::tr("About Vigil"));
    box.setIconPixmap(vigilIcon().pixmap(64, 64));
    box.setTextFormat(Qt::RichText);
    box.setText(QObject::tr("<h3>Vigil %1</h3>"
                            "<p>Watches the logs of every instance of a deployment: one filterable table, "
                            "live latency and error-rate charts, threshold alerts in the tray.</p>"
                            "<p>Released under the MIT licence.<br>Built with Qt %2, running on Qt %3.</p>")
                    .arg(QCoreApplication::applicationVersion(), QStringLiteral(QT_VERSION_STR),
                         QString::fromLatin1(qVersion())));
    box.exec();
}
} // namespace

QString userGuidePath() {
    for (const QString& dir :
         {QStringLiteral(VIGIL_INSTALLED_DOC_DIR), QStringLiteral(VIGIL_SOURCE_DOC_DIR)}) {
        const QString path = dir + QStringLiteral("/user-guide.md");
        if (QFileInfo::exists(path)) return path;
    }
    return {};
}

QMenu* addHelpMenu(QMainWindow* window) {
    QMenu* help = window->menuBar()->addMenu(QObject::tr("&Help"));
    QAction* keys =
        help->addAction(QObject::tr("&Keyboard shortcuts"), window, [window] { showShortcuts(window); });
    keys->setObjectName(QStringLiteral("showShortcuts"));
    keys->setShortcut(QKeySequence(QStringLiteral("Ctrl+/")));
    QAction* guide = help->addAction(QObject::tr("&User guide"), window, [window] { showUserGuide(window); });
    guide->setObjectName(QStringLiteral("userGuide"));
    guide->setShortcut(QKeySequence::HelpContents);
    help->addSeparator();
    help->addAction(QObject::tr("&About Vigil"), window, [window] { showAbout(window); })
        ->setObjectName(QStringLiteral("aboutVigil"));
    help->addAction(QObject::tr("About &Qt"), qApp, &QApplication::aboutQt)
        ->setObjectName(QStringLiteral("aboutQt"));
    return help;
}

} // namespace vigil
